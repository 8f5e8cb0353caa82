"""Who reads what: staff read the risk assessment's summary only where the school publishes it,
and never the local picture; governors and the DSL read everything; only the Lead and head change."""

import pytest
from django.urls import reverse

from accounts.models import AuditEvent
from accounts.roles import can

from . import factories as f

SUMMARY = reverse("assurance:risk-assessment-summary")
PUBLISH = reverse("assurance:risk-assessment-publish")
LOCAL = "Stickers of a proscribed group near the park"


@pytest.fixture
def assessment(school, lead):
    assessment = f.risk_assessment(school, lead)
    assessment.local_context = LOCAL
    assessment.save()
    f.risk(assessment, lead, controls="Assemblies on British values")
    return assessment


def test_staff_read_nothing_until_the_school_publishes_the_summary(login, staff, assessment):
    client = login(staff)
    assert client.get(SUMMARY).status_code == 403
    assert "Risk assessment" not in client.get(reverse("home")).content.decode()


def test_the_lead_publishes_the_summary_and_staff_read_the_risks_but_not_the_local_picture(
    login, lead, staff, school, assessment
):
    assert login(lead).post(PUBLISH, {"publish": "yes"}).status_code == 302
    school.refresh_from_db()
    assert school.publish_risk_assessment_summary
    assert AuditEvent.objects.filter(action="assurance.summary_published").exists()
    client = login(staff)
    page = client.get(SUMMARY).content.decode()
    assert "Assemblies on British values" in page
    assert LOCAL not in page
    assert 'href="/assurance/risk-assessment/summary/"' in client.get(reverse("home")).content.decode()
    # The whole assessment stays with leaders, the DSL and governors.
    assert client.get(reverse("assurance:risk-assessment-detail", kwargs={"pk": assessment.pk})).status_code == 403
    assert client.get(reverse("assurance:risk-assessment-pdf", kwargs={"pk": assessment.pk})).status_code == 403


def test_withdrawing_the_summary_closes_it_to_staff_again(login, lead, staff, school, assessment):
    login(lead).post(PUBLISH, {"publish": "yes"})
    login(lead).post(PUBLISH, {"publish": "no"})
    assert login(staff).get(SUMMARY).status_code == 403


def test_the_setting_opens_the_summary_to_staff_only_in_its_own_school(school, other_school):
    school.publish_risk_assessment_summary = True
    assert can({"staff"}, "view_risk_assessment_summary", school)
    assert not can({"staff"}, "view_risk_assessment_summary", other_school)
    assert not can({"staff"}, "view_assurance", school)


@pytest.mark.parametrize(
    ("capability", "roles"),
    [
        ("view_assurance", {"prevent_lead", "headteacher", "dsl", "governor", "trust_officer"}),
        ("edit_assurance", {"prevent_lead", "headteacher"}),
        ("sign_off_risk_assessment", {"headteacher"}),
        ("note_risk_assessment", {"governor"}),
    ],
)
def test_the_capability_table_says_who_does_what(capability, roles):
    from accounts.models import Role

    for role in Role.values:
        assert can({role}, capability) == (role in roles), (capability, role)


def test_a_governor_reads_all_three_instruments(login, governor, school, lead, assessment):
    client = login(governor)
    assert client.get(reverse("assurance:index")).status_code == 200
    for name in ("risk-assessment", "self-assessment", "filtering"):
        assert client.get(reverse(f"assurance:{name}")).status_code == 200
    page = client.get(reverse("assurance:risk-assessment")).content.decode()
    assert LOCAL in page
