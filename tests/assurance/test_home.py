"""What is due of the three instruments on the Lead's and the head's home, and the governors' task."""

import datetime

from django.urls import reverse
from django.utils import timezone

from assurance.services import risk_assessment as services

from . import factories as f

HOME = reverse("home")


def _attention(client):
    return [item.label for item in client.get(HOME).context["attention"]]


def test_the_lead_is_told_to_start_each_instrument(login, lead, school):
    labels = _attention(login(lead))
    assert f"The school has no Prevent risk assessment for {f.this_year()}: start it" in labels
    assert f"Start the {f.this_year()} Prevent duty self-assessment" in labels
    assert "Name the senior leader and governor responsible for filtering and monitoring" in labels
    assert "Filtering and monitoring have never been reviewed" in labels
    assert "No filtering check logged this term" in labels


def test_a_review_due_and_a_missing_sign_off_show_until_done(login, lead, head, school):
    today = timezone.localdate()
    assessment = f.risk_assessment(school, lead, implemented_on=today - datetime.timedelta(days=370))
    lead_labels = _attention(login(lead))
    assert any(label.startswith("The Prevent risk assessment is due for review by") for label in lead_labels)
    assert "The Prevent risk assessment is waiting for the headteacher's sign-off" in lead_labels
    assert "The Prevent risk assessment is waiting for your sign-off" in _attention(login(head))
    services.risk_review_record(
        assessment=assessment, by=lead, nonce="r", reviewed_on=today, reason="annual", notes="x"
    )
    services.risk_assessment_sign_off(assessment=assessment, by=head, nonce="s")
    labels = _attention(login(lead))
    assert not any("risk assessment" in label for label in labels)


def test_statements_below_expected_without_an_action_are_counted(login, lead, school):
    assessment = f.self_assessment(school, lead)
    f.rate(assessment, lead, "tr-impact", level=4, rag="red")
    items = {i.label: i.count for i in login(lead).get(HOME).context["attention"]}
    assert items["Self-assessment statements below the expected level with no action in the plan"] == 1
    assert items["Self-assessment statements not yet rated"] == 34


def test_a_governor_is_asked_to_note_a_signed_off_assessment_once(login, lead, head, governor, school):
    assessment = f.risk_assessment(school, lead, implemented_on=timezone.localdate())
    client = login(governor)
    task = "The Prevent risk assessment, signed off by the headteacher, for governors to note"
    assert task not in client.get(HOME).content.decode()
    services.risk_assessment_sign_off(assessment=assessment, by=head, nonce="s")
    assert task in client.get(HOME).content.decode()
    services.risk_assessment_note(assessment=assessment, by=governor, nonce="g")
    assert task not in client.get(HOME).content.decode()


def test_staff_are_told_nothing_about_the_instruments(login, staff, school):
    page = login(staff).get(HOME).content.decode()
    assert "risk assessment" not in page.lower()


def test_concerns_recorded_since_the_last_review_prompt_a_review_after_an_incident(login, lead, dsl, school):
    from tests.referrals.factories import make_case

    today = timezone.localdate()
    f.risk_assessment(school, lead, implemented_on=today - datetime.timedelta(days=20))
    make_case(school, dsl, raised_on=today - datetime.timedelta(days=30))  # before: not counted
    make_case(school, dsl, raised_on=today - datetime.timedelta(days=2))
    items = {i.label: i.count for i in login(lead).get(HOME).context["attention"]}
    label = "Prevent concerns recorded since the risk assessment's last review (review after an incident)"
    assert items[label] == 1


def test_a_head_who_does_not_see_cases_is_not_told_of_concerns(login, lead, head, dsl, school):
    from tests.referrals.factories import make_case

    today = timezone.localdate()
    f.risk_assessment(school, lead, implemented_on=today - datetime.timedelta(days=20))
    make_case(school, dsl, raised_on=today - datetime.timedelta(days=2))
    assert not any("Prevent concerns" in label for label in _attention(login(head)))
