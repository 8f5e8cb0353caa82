"""The closing outcome follows from what was recorded: decisions, triage, Channel panels, consent."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from referrals.channel import channel_exit_record, consent_record, triage_record
from referrals.models import Case, Decision, Outcome
from referrals.outcomes import allowed_outcomes, facts_of
from referrals.services import case_close, channel_panel_record

from .factories import make_case, make_decision

TODAY = datetime.date(2026, 11, 30)
pytestmark = pytest.mark.usefixtures("frozen")


@pytest.fixture
def frozen():
    with time_machine.travel(datetime.datetime(2026, 11, 30, 10, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def nfa_case(world):
    case = make_case(world.school, world.lead, raised_on=datetime.date(2026, 10, 5))
    make_decision(case, world.lead, kind=Decision.Kind.NO_FURTHER_ACTION)
    return case


def test_it_refuses_channel_support_completed_after_only_no_further_action(world, nfa_case):
    with pytest.raises(ValidationError) as refused:
        case_close(case=nfa_case, by=world.lead, closed_on=TODAY, outcome=Outcome.CHANNEL_COMPLETED, birth_year=2012)
    assert "cannot close as “Channel support completed”" in str(refused.value)
    assert "a Channel panel that adopted the case" in str(refused.value)
    nfa_case.refresh_from_db()
    assert nfa_case.closed_on is None and nfa_case.outcome == ""  # nothing saved


def test_it_offers_only_the_outcomes_that_follow_on_the_close_form(world, nfa_case, login):
    page = login(world.lead).get(reverse("referrals:case-close", args=[nfa_case.pk])).content.decode()
    assert "No further action needed" in page
    assert "Channel support completed" not in page
    assert "Continued under children&#x27;s social care" not in page


def test_it_refuses_an_inconsistent_outcome_posted_to_the_close_form(world, nfa_case, login):
    response = login(world.lead).post(
        reverse("referrals:case-close", args=[nfa_case.pk]),
        {"closed_on": TODAY, "outcome": Outcome.CHANNEL_COMPLETED, "birth_year": "2012"},
    )
    assert response.status_code == 200
    assert "does not follow from the decisions" in response.content.decode()
    assert Case.objects.get(pk=nfa_case.pk).closed_on is None


def test_it_allows_channel_support_completed_only_with_an_adopted_panel_consent_and_exit(world):
    case = make_case(world.school, world.lead, raised_on=datetime.date(2026, 9, 1))
    make_decision(case, world.lead, kind=Decision.Kind.PREVENT_REFERRAL)
    triage_record(case=case, by=world.lead, outcome="channel", triaged_on=datetime.date(2026, 9, 5))
    assert Outcome.CHANNEL_COMPLETED not in allowed_outcomes(facts_of(case))
    channel_panel_record(case=case, by=world.lead, panel_on=datetime.date(2026, 9, 20), adoption="adopted")
    assert Outcome.CHANNEL_COMPLETED not in allowed_outcomes(facts_of(case))  # no consent yet
    consent_record(case=case, by=world.lead, status="given", given_by="parent_carer", on=datetime.date(2026, 9, 18))
    assert Outcome.CHANNEL_COMPLETED not in allowed_outcomes(facts_of(case))  # still in Channel
    channel_exit_record(case=case, by=world.lead, left_on=datetime.date(2026, 11, 1))
    assert Outcome.CHANNEL_COMPLETED in allowed_outcomes(facts_of(case))
    case_close(case=case, by=world.lead, closed_on=TODAY, outcome=Outcome.CHANNEL_COMPLETED, birth_year=2011)
    assert Case.objects.get(pk=case.pk).outcome == Outcome.CHANNEL_COMPLETED


def test_a_corrected_decision_no_longer_counts(world):
    case = make_case(world.school, world.lead, raised_on=datetime.date(2026, 10, 1))
    first = make_decision(case, world.lead, kind=Decision.Kind.SUPPORT_IN_SCHOOL)
    assert Outcome.SUPPORT_COMPLETED in allowed_outcomes(facts_of(case))
    from referrals.services import decision_record

    decision_record(
        case=case,
        by=world.lead,
        kind=Decision.Kind.NO_FURTHER_ACTION,
        rationale="Support was not needed after all.",
        decided_on=datetime.date(2026, 10, 2),
        supersedes=first,
        correction_reason="Recorded against the wrong case.",
    )
    allowed = allowed_outcomes(facts_of(case))
    assert Outcome.SUPPORT_COMPLETED not in allowed
    assert Outcome.NO_FURTHER_ACTION in allowed


def test_consent_refused_allows_declined_but_not_completed(world):
    case = make_case(world.school, world.lead, raised_on=datetime.date(2026, 9, 1))
    make_decision(case, world.lead, kind=Decision.Kind.PREVENT_REFERRAL)
    channel_panel_record(case=case, by=world.lead, panel_on=datetime.date(2026, 9, 20), adoption="adopted")
    consent_record(
        case=case,
        by=world.lead,
        status="refused",
        given_by="parent_carer",
        on=datetime.date(2026, 9, 22),
        reason="Parents declined support.",
    )
    allowed = allowed_outcomes(facts_of(case))
    assert Outcome.CHANNEL_DECLINED in allowed
    assert Outcome.CHANNEL_COMPLETED not in allowed
