"""Factories for courses, training records and briefings."""

import datetime

import factory
from django.core.files.base import ContentFile

from accounts.models import Role
from tests.files import PDF_BYTES
from training.models import Briefing, Course, NamedGroup, TrainingNeedsAssessment, TrainingRecord

# The smallest PNG whose content the upload checks recognise (PDF_BYTES: a whole PDF).
PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
)


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course

    title = factory.Sequence(lambda n: f"Home Office Prevent awareness {n}")
    slug = factory.Sequence(lambda n: f"course-{n}")
    provider = "Home Office"
    link = "https://www.elearning.prevent.homeoffice.gov.uk/"
    kind = Course.Kind.E_LEARNING
    refresh_months = 24
    required_roles = factory.LazyFunction(lambda: [Role.STAFF.value])


class NamedGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NamedGroup

    name = factory.Sequence(lambda n: f"Relevant staff {n}")


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingNeedsAssessment

    risk = "Online radicalisation of older pupils"
    summary = "Heads of year need the referrals course."


class TrainingRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingRecord

    school = factory.SelfAttribute("course.school")
    completed_on = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=30))
    recorded_by = factory.SelfAttribute("user")


class BriefingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Briefing

    held_on = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=7))
    title = "Prevent briefing"
    topics = "Staff's duties under the Prevent duty; signs and indicators of radicalisation."
    invited_roles = factory.LazyFunction(lambda: [Role.STAFF.value])


def pdf_file(name="certificate.pdf"):
    return ContentFile(PDF_BYTES, name=name)
