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


@daily_scan
def case_actions_due_notify(today, days=DUE_NOTICE_DAYS):
    """Tell those who record referrals of each agreed action due within ``days``, and again once it is
    overdue; returns how many notifications were made."""
    made = 0
    people = {}  # per school, read once
    for action in agreed_actions_due(today + datetime.timedelta(days=days)):
        school = action.case.school
        if school.pk not in people:
            people[school.pk] = people_with_capability(school, "record_referrals")
        overdue = action.due_on < today
        when = date_format(action.due_on, "j F Y")
        made += len(
            notify(
                school=school,
                recipients=people[school.pk],
                kind=Kind.CASE_ACTION_DUE,
                text=f"A case action was due on {when} and is not done yet"
                if overdue
                else f"A case action is due on {when}",
                link=reverse("referrals:case-detail", kwargs={"pk": action.case_id}),
                key=f"case-action-{'overdue' if overdue else 'due'}:{action.pk}:{action.due_on:%Y-%m-%d}",
                email_now=False,
            )
        )
    return made


@daily_scan
def channel_reviews_due_notify(today, days=REVIEW_NOTICE_DAYS):
    """Tell those who record referrals of each review after Channel due within ``days``, and again once
    it is overdue (as a case action falling due); returns how many notifications were made."""
    made = 0
    people = {}
    for review in channel_reviews_falling_due(today + datetime.timedelta(days=days)):
        school = review.case.school
        if school.pk not in people:
            people[school.pk] = people_with_capability(school, "record_referrals")
        overdue = review.due_on < today
        when = date_format(review.due_on, "j F Y")
        made += len(
            notify(
                school=school,
                recipients=people[school.pk],
                kind=Kind.CASE_ACTION_DUE,
                text=f"A {review.months}-month review after Channel was due on {when} and is not recorded yet"
                if overdue
                else f"A {review.months}-month review after Channel is due on {when}",
                link=reverse("referrals:case-detail", kwargs={"pk": review.case_id}),
                key=f"channel-review-{'overdue' if overdue else 'due'}:{review.pk}",
                email_now=False,
            )
        )
    return made
