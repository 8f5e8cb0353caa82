"""Telling a person that their training is about to lapse, some days before it does (a daily scan)."""

import datetime

from django.urls import reverse
from django.utils.formats import date_format

from accounts.models import School
from notifications.models import Kind
from notifications.scans import daily_scan
from notifications.services import notify

from .models import Course
from .selectors.courses import training_matrix

# How many days before training lapses its holder is told (once per record).
LAPSE_NOTICE_DAYS = 30


@daily_scan
def training_lapse_notify(today, days=LAPSE_NOTICE_DAYS):
    """Tell each person whose required training lapses within ``days`` of ``today``; returns how many were told.

    Once per training record: a renewal is a new record, told about in its turn.
    """
    made = 0
    horizon = today + datetime.timedelta(days=days)
    link = reverse("training:my-training")
    schools = School.objects.filter(pk__in=Course.objects.values("school_id")).order_by("pk")
    for school in schools:
        for row in training_matrix(school, today).rows:
            for cell in row.required_cells:
                record = cell.record
                if record is None or record.expires_on is None or not today < record.expires_on <= horizon:
                    continue
                made += len(
                    notify(
                        school=school,
                        recipients=[row.user],
                        kind=Kind.TRAINING_LAPSING,
                        text=(
                            f"Your {cell.course.title} training lapses on {date_format(record.expires_on, 'j F Y')}: "
                            "renew it and record the new certificate"
                        ),
                        link=link,
                        key=f"training-lapse:{record.pk}",
                        email_now=False,
                    )
                )
    return made
