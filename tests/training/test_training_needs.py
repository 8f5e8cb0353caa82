"""The training needs assessment: the Lead records it, says who needs which course and why; named groups."""

import datetime

from django.urls import reverse

from accounts.models import AuditEvent
from training.models import NamedGroup, TrainingNeedsAssessment, TrainingRequirement
from training.selectors.courses import training_coverage

from .factories_courses import AssessmentFactory, CourseFactory


def test_the_lead_records_an_assessment_and_its_requirements(login, school, lead, staff):
    course = CourseFactory(school=school, slug="prevent-referrals", required_roles=[])
    client = login(lead)
    assert "No training needs assessment yet" in client.get(reverse("training:needs")).content.decode()
    response = client.post(
        reverse("training:needs-add"),
        {"assessed_on": datetime.date.today().isoformat(), "risk": "Online radicalisation", "summary": "Heads of year"},
    )
    assessment = TrainingNeedsAssessment.objects.get()
    assert response["Location"] == reverse("training:needs-detail", args=[assessment.pk])
    response = client.post(
        response["Location"], {"course": course.pk, "person": staff.pk, "reason": "Head of Year 10: may refer"}
    )
    assert response.status_code == 302
    requirement = TrainingRequirement.objects.get()
    assert requirement.person == staff and requirement.target_label == "Sam Staff"
    assert [c.required for c in training_coverage(school)] == [1]
    assert AuditEvent.objects.filter(object_type="training.trainingrequirement").exists()
    client.post(reverse("training:requirement-remove", args=[requirement.pk]))
    assert not TrainingRequirement.objects.exists()
    assert training_coverage(school) == []


def test_a_requirement_names_exactly_one_target(login, school, lead, staff):
    course = CourseFactory(school=school)
    assessment = AssessmentFactory(school=school, recorded_by=lead)
    response = login(lead).post(
        reverse("training:needs-detail", args=[assessment.pk]),
        {"course": course.pk, "role": "staff", "person": staff.pk, "reason": "Both"},
    )
    assert "Choose exactly one" in response.content.decode()
    assert not TrainingRequirement.objects.exists()


def test_the_lead_manages_a_named_group(login, school, lead, staff, outsider):
    client = login(lead)
    response = client.post(
        reverse("training:group-add"),
        {"name": "Relevant staff identified by the Prevent Lead/SPOC", "description": "", "members": [staff.pk]},
    )
    assert response.status_code == 302
    group = NamedGroup.objects.get()
    assert list(group.members.all()) == [staff]
    # Someone of another school is not offered, and refused.
    response = client.post(
        reverse("training:group-edit", args=[group.pk]), {"name": group.name, "members": [outsider.pk]}
    )
    assert response.status_code == 200
    assert list(group.members.all()) == [staff]


def test_the_dsl_sees_the_needs_but_does_not_change_them(login, school, lead, dsl):
    assessment = AssessmentFactory(school=school, recorded_by=lead)
    client = login(dsl)
    page = client.get(reverse("training:needs-detail", args=[assessment.pk]))
    assert page.status_code == 200 and page.context["form"] is None
    assert client.post(reverse("training:needs-detail", args=[assessment.pk]), {}).status_code == 403
