"""factory_boy factories for the accounts models; each app's tests add their own beside them."""

import factory

from accounts.models import Membership, Organisation, OrganisationMembership, Role, School, User

PASSWORD = "correct horse battery staple"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Fenland Learning Trust {n}")
    kind = Organisation.Kind.TRUST


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School

    name = factory.Sequence(lambda n: f"Nene Valley Academy {n}")
    urn = factory.Sequence(lambda n: f"{140000 + n}")
    local_authority = "Peterborough"
    phase = School.Phase.SECONDARY


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@school.example")
    full_name = factory.Faker("name", locale="en_GB")
    job_title = "Teacher"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    school = factory.SubFactory(SchoolFactory)
    role = Role.STAFF


class OrganisationMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganisationMembership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)


def member(school, *roles, **user_fields):
    """A user who holds ``roles`` (staff if none) in ``school``."""
    user = UserFactory(**user_fields)
    for role in roles or (Role.STAFF,):
        MembershipFactory(user=user, school=school, role=role)
    return user
