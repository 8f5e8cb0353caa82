"""Cases due for retention review, legal holds that stop deletion and anonymisation."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from referrals.models import Case, Decision, LegalHold
from referrals.retention import legal_hold_place, legal_hold_release, retention_review_record
from referrals.selectors import retention_reviews_due
from referrals.services import case_close

from .factories import make_case, make_decision

TODAY = datetime.date(2026, 11, 30)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(datetime.datetime(2026, 11, 30, 10, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def closed(world):
    case = make_case(world.school, world.lead, raised_on=datetime.date(2026, 10, 1))
    make_decision(case, world.lead, kind=Decision.Kind.NO_FURTHER_ACTION)
    return case_close(
        case=case,
        by=world.lead,
        closed_on=datetime.date(2026, 10, 10),
        outcome="nfa",
        retention_review_on=datetime.date(2026, 11, 1),  # a date the school gave, now reached
    )


def test_it_lists_closed_cases_whose_retention_review_date_has_come(world, closed, login):
    later = make_case(world.school, world.lead, raised_on=datetime.date(2026, 10, 1))
    make_decision(later, world.lead, kind=Decision.Kind.NO_FURTHER_ACTION)
    case_close(case=later, by=world.lead, closed_on=TODAY, outcome="nfa", birth_year=2012)
    assert list(retention_reviews_due(world.school, TODAY)) == [closed]
    page = login(world.lead).get(reverse("referrals:retention-list")).content.decode()
    assert closed.reference in page and later.reference not in page
    assert "Case records due for retention review" in login(world.lead).get(reverse("home")).content.decode()


def test_the_retention_period_is_the_schools(world):
    from referrals.models import ReferralSettings

    ReferralSettings.objects.create(school=world.school, retention_years=30)
    case = make_case(world.school, world.lead, raised_on=datetime.date(2026, 10, 1))
    make_decision(case, world.lead, kind=Decision.Kind.NO_FURTHER_ACTION)
    case = case_close(case=case, by=world.lead, closed_on=TODAY, outcome="nfa", birth_year=2012)
    assert case.retention_review_on == datetime.date(2042, 12, 31)


def test_deletion_and_anonymisation_are_refused_while_on_legal_hold(world, closed):
    legal_hold_place(case=closed, by=world.lead, reason="Solicitors asked us to keep it: a claim is pending.")
    with pytest.raises(ValidationError, match="on legal hold"):
        closed.delete()
    with pytest.raises(ValidationError, match="cannot be anonymised until the hold is released"):
        retention_review_record(
            case=closed, by=world.lead, decision="anonymise", reviewed_on=TODAY, note="Past its date."
        )
    closed.refresh_from_db()
    assert closed.anonymised_on is None and closed.pupil_identifier.startswith("CPOMS-")
    assert not closed.retention_reviews.exists()  # nothing saved
    assert retention_reviews_due(world.school, TODAY).get().on_hold


def test_a_released_hold_is_kept_and_the_record_can_then_be_anonymised(world, closed, login):
    hold = legal_hold_place(case=closed, by=world.lead, reason="Inquiry.")
    client = login(world.lead)
    response = client.post(
        reverse("referrals:legal-hold-release", args=[closed.pk, hold.pk]), {"release_reason": "Inquiry closed."}
    )
    assert response.status_code == 302
    hold.refresh_from_db()
    assert (hold.released_by, hold.release_reason) == (world.lead, "Inquiry closed.")
    with pytest.raises(ValidationError, match="already been released"):
        legal_hold_release(hold=hold, by=world.lead, release_reason="Again.")
    response = client.post(
        reverse("referrals:retention-review-add", args=[closed.pk]),
        {"decision": "anonymise", "reviewed_on": TODAY, "note": "Retention period over; no reason to keep it."},
    )
    assert response.status_code == 302
    closed.refresh_from_db()
    assert closed.anonymised_on == TODAY
    assert closed.pupil_identifier == "anonymised"
    assert not retention_reviews_due(world.school, TODAY).exists()
    assert LegalHold.objects.filter(case=closed).count() == 1


def test_keeping_the_record_sets_the_next_review_date(world, closed):
    with pytest.raises(ValidationError, match="Give the date"):
        retention_review_record(case=closed, by=world.lead, decision="keep", reviewed_on=TODAY, note="Keep.")
    retention_review_record(
        case=closed,
        by=world.lead,
        decision="keep",
        reviewed_on=TODAY,
        next_review_on=datetime.date(2031, 11, 30),
        note="Sibling's case still open.",
    )
    assert Case.objects.get(pk=closed.pk).retention_review_on == datetime.date(2031, 11, 30)
    assert not retention_reviews_due(world.school, TODAY).exists()


def test_an_open_case_has_no_retention_review(world):
    case = make_case(world.school, world.lead, raised_on=datetime.date(2026, 10, 1))
    with pytest.raises(ValidationError, match="still open"):
        retention_review_record(
            case=case, by=world.lead, decision="keep", reviewed_on=TODAY, next_review_on=TODAY, note="x"
        )
