from collections import defaultdict

from django.db.models import Exists, OuterRef, Q

from .models import Membership, OrganisationMembership, Role, School


def schools_and_roles(user):
    """Every school the user may work in, in name order, with the roles held in each.

    Trust and local-authority officers hold the trust_officer role in every school of their
    organisation. Two queries whatever the number of schools.
    """
    roles = defaultdict(set)
    for school_id, role in Membership.objects.current().filter(user=user).order_by().values_list("school_id", "role"):
        roles[school_id].add(role)
    officer = OrganisationMembership.objects.filter(user=user, organisation=OuterRef("organisation"))
    schools = (
        School.objects.annotate(is_officer=Exists(officer))
        .filter(Q(pk__in=list(roles)) | Q(is_officer=True))
        .select_related("organisation")
        .order_by("name")
    )
    result = {}
    for school in schools:
        held = set(roles.get(school.pk, ()))
        if school.is_officer:
            held.add(Role.TRUST_OFFICER)
        result[school] = frozenset(held)
    return result


def people_with_role(school, role):
    """Current members of the school who hold the role, by name."""
    return [
        m.user
        for m in Membership.objects.current()
        .filter(school=school, role=role, user__is_active=True)
        .select_related("user")
        .order_by("user__full_name")
    ]


def people_with_roles(school, roles):
    """{role: [current, active members who hold it, by name]} for each of ``roles`` (one query)."""
    people = {role: [] for role in roles}
    for m in (
        Membership.objects.current()
        .filter(school=school, role__in=list(roles), user__is_active=True)
        .select_related("user")
        .order_by("user__full_name", "pk")
    ):
        people[m.role].append(m.user)
    return people


def members_of(school):
    """Current members with their roles: a list of (user, [role labels]) by name."""
    by_user = {}
    for m in (
        Membership.objects.current().filter(school=school).select_related("user").order_by("user__full_name", "role")
    ):
        by_user.setdefault(m.user, []).append(m)
    return list(by_user.items())


def organisations_of(user):
    return [m.organisation for m in OrganisationMembership.objects.filter(user=user).select_related("organisation")]
