"""Triage, consent, leaving Channel and the reviews 6 and 12 months after it."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.urls import reverse

from referrals.channel import channel_exit_record, channel_review_record, consent_record, months_after, triage_record
from referrals.models import ChannelConsent, ChannelReview, Decision
from referrals.selectors import case_actions_due, case_reviews_due
from referrals.services import channel_panel_record

from .factories import make_action, make_case, make_decision


def _at(day):
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(10), tzinfo=datetime.UTC), tick=False)


@pytest.fixture
def in_channel(world):
    with _at(datetime.date(2026, 3, 20)):
        case = make_case(world.school, world.lead, raised_on=datetime.date(2026, 1, 12))
        make_decision(case, world.lead, kind=Decision.Kind.PREVENT_REFERRAL)
        channel_panel_record(case=case, by=world.lead, panel_on=datetime.date(2026, 2, 2), adoption="adopted")
    return case


def test_leaving_channel_schedules_the_reviews_at_6_and_12_months(world, in_channel):
    with _at(datetime.date(2026, 3, 20)):
        channel_exit_record(case=in_channel, by=world.lead, left_on=datetime.date(2026, 3, 15))
    reviews = list(ChannelReview.objects.filter(case=in_channel))
    assert [(r.months, r.due_on) for r in reviews] == [
        (6, datetime.date(2026, 9, 15)),
        (12, datetime.date(2027, 3, 15)),
    ]


def test_months_after_keeps_to_the_end_of_a_shorter_month():
    assert months_after(datetime.date(2026, 8, 31), 6) == datetime.date(2027, 2, 28)


def test_a_review_is_listed_as_due_from_its_date_and_shown_on_the_leads_home(world, in_channel, login):
    with _at(datetime.date(2026, 3, 20)):
        channel_exit_record(case=in_channel, by=world.lead, left_on=datetime.date(2026, 3, 15))
    with _at(datetime.date(2026, 9, 14)):
        assert not case_reviews_due(world.school, datetime.date(2026, 9, 14)).exists()
        home = login(world.lead).get(reverse("home")).content.decode()
        assert "Reviews after Channel due" not in home
    with _at(datetime.date(2026, 9, 16)):
        due = list(case_reviews_due(world.school, datetime.date(2026, 9, 16)))
        assert [r.months for r in due] == [6]
        home = login(world.lead).get(reverse("home")).content.decode()
        assert "Reviews after Channel due" in home
        page = login(world.lead).get(reverse("referrals:review-list")).content.decode()
        assert in_channel.reference in page and "overdue" in page
        staff_home = login(world.staff).get(reverse("home")).content.decode()
        assert "Reviews after Channel" not in staff_home


def test_a_review_is_recorded_once_and_then_no_longer_due(world, in_channel, login):
    with _at(datetime.date(2026, 3, 20)):
        channel_exit_record(case=in_channel, by=world.lead, left_on=datetime.date(2026, 3, 15))
    review = ChannelReview.objects.get(case=in_channel, months=6)
    with _at(datetime.date(2026, 9, 20)):
        url = reverse("referrals:review-record", args=[in_channel.pk, review.pk])
        response = login(world.dsl).post(url, {"reviewed_on": "2026-09-18", "outcome": "no_concerns", "note": ""})
        assert response.status_code == 302
        review.refresh_from_db()
        assert (review.outcome, review.reviewed_by, review.reviewed_on) == (
            "no_concerns",
            world.dsl,
            datetime.date(2026, 9, 18),
        )
        assert not case_reviews_due(world.school, datetime.date(2026, 9, 20)).exists()
        with pytest.raises(ValidationError, match="already recorded"):
            channel_review_record(
                review=review, by=world.lead, reviewed_on=datetime.date(2026, 9, 19), outcome="concerns"
            )
    # The database refuses to rewrite a recorded review.
    with pytest.raises(DatabaseError), transaction.atomic():
        ChannelReview.objects.filter(pk=review.pk).update(outcome="concerns")


def test_a_case_leaves_channel_only_once_and_only_after_an_adopting_panel(world):
    with _at(datetime.date(2026, 3, 20)):
        case = make_case(world.school, world.lead, raised_on=datetime.date(2026, 1, 12))
        with pytest.raises(ValidationError, match="Channel panel that adopted"):
            channel_exit_record(case=case, by=world.lead, left_on=datetime.date(2026, 3, 1))
        channel_panel_record(case=case, by=world.lead, panel_on=datetime.date(2026, 2, 2), adoption="adopted")
        channel_exit_record(case=case, by=world.lead, left_on=datetime.date(2026, 3, 1))
        with pytest.raises(ValidationError, match="already recorded"):
            channel_exit_record(case=case, by=world.lead, left_on=datetime.date(2026, 3, 2))
    assert ChannelReview.objects.filter(case=case).count() == 2


def test_consent_says_who_gave_it_or_why_it_was_not_sought(world, in_channel):
    with _at(datetime.date(2026, 3, 20)):
        with pytest.raises(ValidationError) as refused:
            consent_record(case=in_channel, by=world.lead, status="given", on=datetime.date(2026, 2, 1))
        assert "Say who gave" in str(refused.value)
        with pytest.raises(ValidationError) as refused:
            consent_record(case=in_channel, by=world.lead, status="not_sought", on=datetime.date(2026, 2, 1))
        assert "Say why" in str(refused.value)
        consent_record(case=in_channel, by=world.lead, status="given", given_by="person", on=datetime.date(2026, 2, 1))
    consent = ChannelConsent.objects.get(case=in_channel)
    assert (consent.status, consent.given_by) == ("given", "person")
    with pytest.raises(ValidationError):
        consent.save()  # append-only: a correction is a new record


def test_the_triage_outcome_is_recorded_with_its_date(world, in_channel, login):
    with _at(datetime.date(2026, 3, 20)):
        response = login(world.lead).post(
            reverse("referrals:triage-add", args=[in_channel.pk]),
            {"outcome": "other", "triaged_on": "2026-01-20", "police_reference": "", "note": ""},
        )
        assert "Say what the police decided" in response.content.decode()
        response = login(world.lead).post(
            reverse("referrals:triage-add", args=[in_channel.pk]),
            {"outcome": "channel", "triaged_on": "2026-01-20", "police_reference": "CTP-1", "note": ""},
        )
        assert response.status_code == 302
        triage_record(case=in_channel, by=world.lead, outcome="not_progressed", triaged_on=datetime.date(2026, 1, 25))
        page = login(world.lead).get(reverse("referrals:case-detail", args=[in_channel.pk])).content.decode()
    assert "Adopted for Channel consideration" in page and "replaced by a later outcome" in page
    assert "Not progressed: no further Prevent action" in page


def test_case_actions_due_lists_actions_falling_due(world, in_channel):
    with _at(datetime.date(2026, 3, 20)):
        soon = make_action(in_channel, world.lead, due_on=datetime.date(2026, 3, 25), description="Soon")
        make_action(in_channel, world.lead, due_on=datetime.date(2026, 5, 1), description="Later")
        assert list(case_actions_due(world.school, datetime.date(2026, 3, 27))) == [soon]


def test_a_review_falling_due_tells_those_who_record_referrals_once(world, in_channel):
    from notifications.models import Kind, Notification
    from referrals.notices import channel_reviews_due_notify

    with _at(datetime.date(2026, 3, 20)):
        channel_exit_record(case=in_channel, by=world.lead, left_on=datetime.date(2026, 3, 15))
    assert channel_reviews_due_notify(datetime.date(2026, 8, 1)) == 0  # not yet
    assert channel_reviews_due_notify(datetime.date(2026, 9, 5)) == 2  # the Lead and the DSL
    assert channel_reviews_due_notify(datetime.date(2026, 9, 6)) == 0  # once
    told = Notification.objects.filter(kind=Kind.CASE_ACTION_DUE)
    assert {n.recipient for n in told} == {world.lead, world.dsl}
    assert all(in_channel.reference not in n.text for n in told)
    assert "6-month review after Channel is due on 15 September 2026" in told.first().text
    assert channel_reviews_due_notify(datetime.date(2026, 9, 20)) == 2  # overdue: told again
