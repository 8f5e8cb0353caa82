"""Telling those who record referrals that a case's agreed action falls due (a daily scan).

The notification names no case detail; its email says only that a case action is due
(notifications.delivery), so that nothing about a pupil's case leaves the sign-in.
"""

import datetime

from django.urls import reverse
from django.utils.formats import date_format

from notifications.models import Kind
from notifications.scans import daily_scan
from notifications.selectors import people_with_capability
from notifications.services import notify

from .selectors import agreed_actions_due, channel_reviews_falling_due

# How many days before an agreed action's due date the people who record referrals are told.
DUE_NOTICE_DAYS = 3
# A review 6 or 12 months after Channel is arranged with others (the pupil, parents, the panel): told earlier.
REVIEW_NOTICE_DAYS = 14


def _notify_recorders(items, today, *, text, key):
    """Tell those who record referrals in each item's school that the item (an agreed action, a
    review: each has ``case`` and ``due_on``) falls due, and again once it is overdue.
    ``text(item, when, overdue)`` and ``key(item, overdue)`` word it; returns how many notifications were made."""
    made = 0
    people = {}  # per school, read once
    for item in items:
        school = item.case.school
        if school.pk not in people:
            people[school.pk] = people_with_capability(school, "record_referrals")
        overdue = item.due_on < today
        made += len(
            notify(
                school=school,
                recipients=people[school.pk],
                kind=Kind.CASE_ACTION_DUE,
                text=text(item, date_format(item.due_on, "j F Y"), overdue),
                link=reverse("referrals:case-detail", kwargs={"pk": item.case_id}),
                key=key(item, overdue),
                email_now=False,
            )
        )
    return made


def _due(overdue):
    return "overdue" if overdue else "due"


@daily_scan
def case_actions_due_notify(today, days=DUE_NOTICE_DAYS):
    """Tell those who record referrals of each agreed action due within ``days``, and again once it is
    overdue; returns how many notifications were made."""
    return _notify_recorders(
        agreed_actions_due(today + datetime.timedelta(days=days)),
        today,
        text=lambda action, when, overdue: (
            f"A case action was due on {when} and is not done yet" if overdue else f"A case action is due on {when}"
        ),
        key=lambda action, overdue: f"case-action-{_due(overdue)}:{action.pk}:{action.due_on:%Y-%m-%d}",
    )


@daily_scan
def channel_reviews_due_notify(today, days=REVIEW_NOTICE_DAYS):
    """Tell those who record referrals of each review after Channel due within ``days``, and again once
    it is overdue (as a case action falling due); returns how many notifications were made."""
    return _notify_recorders(
        channel_reviews_falling_due(today + datetime.timedelta(days=days)),
        today,
        text=lambda review, when, overdue: (
            f"A {review.months}-month review after Channel was due on {when} and is not recorded yet"
            if overdue
            else f"A {review.months}-month review after Channel is due on {when}"
        ),
        key=lambda review, overdue: f"channel-review-{_due(overdue)}:{review.pk}",
    )
