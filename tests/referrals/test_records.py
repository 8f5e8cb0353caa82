"""Decisions are evidence: never changed or deleted; a correction supersedes with a reason. References."""

import datetime
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from referrals.models import CaseAccess, Decision
from referrals.services import case_open

from .factories import make_case, make_decision


def test_it_refuses_to_change_or_delete_a_decision(world):
    decision = make_decision(make_case(world.school, world.lead), world.lead)
    decision.rationale = "Rewritten"
    with pytest.raises(ValidationError):
        decision.save()
    with pytest.raises(ValidationError):
        decision.delete()
    assert Decision.objects.get(pk=decision.pk).rationale == "Because of the test."


def test_it_refuses_to_change_an_access_log_row(world):
    case = make_case(world.school, world.lead)
    access = CaseAccess.objects.create(case=case, user=world.lead, what="Viewed the case")
    access.what = "Nothing"
    with pytest.raises(ValidationError):
        access.save()


def test_it_corrects_a_decision_with_a_new_one_that_says_why(world, login):
    case = make_case(world.school, world.lead)
    first = make_decision(case, world.lead, kind=Decision.Kind.NO_FURTHER_ACTION)
    client = login(world.lead)
    url = reverse("referrals:decision-add", args=[case.pk])
    data = {"kind": "advice", "rationale": "New information came to light.", "decided_on": case.raised_on}
    response = client.post(url, {**data, "supersedes": first.pk})
    assert "Say why the earlier decision is being corrected" in response.content.decode()
    response = client.post(url, {**data, "supersedes": first.pk, "correction_reason": "Parent told us more."})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "superseded" in page
    assert Decision.objects.get(supersedes=first).correction_reason == "Parent told us more."


def test_it_numbers_cases_per_school_and_year(world):
    first = make_case(world.school, world.lead, raised_on=datetime.date(2025, 12, 1))
    second = make_case(world.school, world.lead, raised_on=datetime.date(2026, 1, 5))
    third = make_case(world.school, world.lead, raised_on=datetime.date(2026, 2, 5))
    elsewhere = make_case(world.other_school, world.outsider, raised_on=datetime.date(2026, 2, 5))
    assert [first.reference, second.reference, third.reference] == ["PRV-2025-001", "PRV-2026-001", "PRV-2026-002"]
    assert elsewhere.reference == "PRV-2026-001"


def test_it_takes_the_next_number_when_another_case_took_it_first(world):
    make_case(world.school, world.lead, raised_on=datetime.date(2026, 3, 1))
    # A second request computed its number before the first saved: the constraint makes it retry.
    with mock.patch("referrals.services.next_number", side_effect=[1, 2]):
        case = case_open(
            school=world.school,
            by=world.lead,
            pupil_identifier="CPOMS-RACE",
            year_group="8",
            raised_on=datetime.date(2026, 3, 2),
            raised_by=world.staff,
            summary="Raised at the same moment",
        )
    assert case.reference == "PRV-2026-002"


def test_it_refuses_a_decision_before_the_concern_was_raised(world, login):
    case = make_case(world.school, world.lead, raised_on=datetime.date(2026, 3, 2))
    response = login(world.dsl).post(
        reverse("referrals:decision-add", args=[case.pk]),
        {"kind": "nfa", "rationale": "x", "decided_on": "2026-03-01"},
    )
    assert "cannot come before" in response.content.decode()


def test_it_lists_overdue_agreed_actions_on_the_leads_home(world, login):
    from .factories import make_action

    case = make_case(world.school, world.lead)
    make_action(case, world.lead, due_on=datetime.date.today() - datetime.timedelta(days=3))
    make_action(case, world.lead, due_on=datetime.date.today() + datetime.timedelta(days=3))
    page = login(world.lead).get(reverse("home")).content.decode()
    assert "Overdue agreed actions" in page
    assert reverse("referrals:case-list") in page
    for persona in ["staff", "governor", "head"]:
        assert "Overdue agreed actions" not in login(getattr(world, persona)).get(reverse("home")).content.decode()


def test_it_links_every_member_of_staff_to_how_to_report_a_concern(world, login):
    page = login(world.staff).get(reverse("home")).content.decode()
    assert reverse("referrals:report-concern") in page
    assert reverse("referrals:case-list") not in page


def test_it_keeps_referral_content_out_of_the_admin():
    from django.contrib import admin

    from referrals.models import ConcernCategory, LocalContact

    registered = {model for model in admin.site._registry if model._meta.app_label == "referrals"}
    assert registered == {LocalContact, ConcernCategory}  # the contacts and the list of types of concern


def test_it_seeds_the_demo_once(world):
    from referrals import demo
    from referrals.models import Case

    demo.seed(world.school)
    counts = (Case.objects.count(), Decision.objects.count(), world.school.referral_contacts.count())
    demo.seed(world.school)
    assert (Case.objects.count(), Decision.objects.count(), world.school.referral_contacts.count()) == counts
    assert counts[0] == 4
