"""Writes for the police triage, Channel consent, leaving Channel and the reviews after it.

One function per use case, in a transaction, audited (as referrals.services).
"""

import calendar
import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.audit import AuditAction, record_event

from .models import Case, ChannelConsent, ChannelExit, ChannelPanel, ChannelReview, PoliceTriage
from .models.channel import REVIEW_MONTHS
from .services import case_record_create


def _not_before_raised(case, day, what):
    if day < case.raised_on:
        raise ValidationError(f"The {what} cannot come before the date the concern was raised.")


@transaction.atomic
def triage_record(*, case, by, outcome, triaged_on, police_reference="", note=""):
    """Record the police Prevent triage outcome (a correction is a new record: the latest counts)."""
    _not_before_raised(case, triaged_on, "triage outcome")
    return case_record_create(
        PoliceTriage,
        case=case,
        by=by,
        audit_fields=["outcome", "triaged_on"],
        outcome=outcome,
        triaged_on=triaged_on,
        police_reference=police_reference,
        note=note,
        recorded_by=by,
    )


@transaction.atomic
def consent_record(*, case, by, status, on, given_by="", reason=""):
    """Record consent for Channel support: given (by whom, when), or refused, withdrawn or not sought (why)."""
    _not_before_raised(case, on, "consent")
    return case_record_create(
        ChannelConsent,
        case=case,
        by=by,
        audit_fields=["status", "given_by", "on"],
        status=status,
        given_by=given_by,
        on=on,
        reason=reason,
        recorded_by=by,
    )


def months_after(day, months):
    """``day`` plus ``months`` calendar months (the last day of a shorter month: 31 Aug + 6 = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@transaction.atomic
def channel_exit_record(*, case, by, left_on, note=""):
    """Record that the pupil left Channel support, and schedule the reviews at 6 and 12 months.

    Only a case a Channel panel adopted can leave Channel; a case leaves it once.
    """
    case = Case.objects.select_for_update().select_related("school").get(pk=case.pk)
    if not case.channel_panels.filter(adoption=ChannelPanel.Adoption.ADOPTED).exists():
        raise ValidationError("Record the Channel panel that adopted the case before the date the pupil left Channel.")
    if case.channel_exits.exists():
        raise ValidationError(f"The date the pupil left Channel is already recorded on {case.reference}.")
    _not_before_raised(case, left_on, "date the pupil left Channel")
    try:
        with transaction.atomic():
            exit_ = case_record_create(
                ChannelExit, case=case, by=by, audit_fields=["left_on"], left_on=left_on, note=note, recorded_by=by
            )
    except IntegrityError as exc:  # recorded by someone else at the same moment
        raise ValidationError(f"The date the pupil left Channel is already recorded on {case.reference}.") from exc
    for months in REVIEW_MONTHS:
        review = ChannelReview.objects.create(
            case=case, exit=exit_, months=months, due_on=months_after(left_on, months)
        )
        record_event(
            action=AuditAction.CREATE,
            by=by,
            school=case.school,
            obj=review,
            changes={"case": case.reference, "months": months, "due_on": review.due_on},
        )
    return exit_


@transaction.atomic
def channel_review_record(*, review, by, reviewed_on, outcome, note=""):
    """Record a 6- or 12-month review's outcome, once (a closed case is reviewed too).

    Of two people recording the same review at once, the second is told it is already recorded.
    """
    if reviewed_on > timezone.localdate():
        raise ValidationError({"reviewed_on": "The date of the review cannot be in the future."})
    if reviewed_on < review.exit.left_on:
        raise ValidationError({"reviewed_on": "The review cannot come before the pupil left Channel."})
    if outcome not in ChannelReview.Outcome.values:
        raise ValidationError({"outcome": "Choose the outcome of the review."})
    now = timezone.now()
    updated = ChannelReview.objects.filter(pk=review.pk, reviewed_at__isnull=True).update(
        reviewed_on=reviewed_on, outcome=outcome, note=note, reviewed_by=by, reviewed_at=now
    )
    if not updated:
        raise ValidationError(f"The {review.months}-month review of {review.case.reference} is already recorded.")
    review.reviewed_on, review.outcome, review.note, review.reviewed_by, review.reviewed_at = (
        reviewed_on,
        outcome,
        note,
        by,
        now,
    )
    record_event(
        action=AuditAction.UPDATE,
        by=by,
        school=review.case.school,
        obj=review,
        changes={"case": review.case.reference, "months": review.months, "outcome": outcome},
    )
    return review
