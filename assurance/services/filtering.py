"""Use cases of filtering and monitoring: start a year, name who is responsible, record the yearly
review and the checks."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.audit import AuditAction, diff, record_event
from core.concurrency import save_versioned
from core.periods import academic_year_of

from ..models import FilteringCheck, FilteringRecord, FilteringReview
from .records import create_once_audited, json_changes, not_in_future

RECORD_FIELDS = [
    "senior_leader",
    "governor",
    "filtering_provider",
    "monitoring_provider",
    "monitoring_approach",
    "notes",
]


@transaction.atomic
def filtering_start(*, school, by, academic_year=None):
    """The school's filtering and monitoring record for a year (this one by default), made if there
    is none yet; who is responsible and the providers carry over from the year before."""
    academic_year = academic_year or academic_year_of(timezone.localdate())
    existing = FilteringRecord.objects.filter(school=school, academic_year=academic_year).first()
    if existing is not None:
        return existing
    previous = (
        FilteringRecord.objects.filter(school=school, academic_year__lt=academic_year)
        .order_by("-academic_year")
        .first()
    )
    record = FilteringRecord(
        school=school,
        academic_year=academic_year,
        created_by=by,
        **({name: getattr(previous, name) for name in RECORD_FIELDS} if previous else {}),
    )
    record.full_clean()
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError:
        return FilteringRecord.objects.get(school=school, academic_year=academic_year)
    record_event(
        action=AuditAction.FILTERING_STARTED,
        by=by,
        school=school,
        obj=record,
        changes={"academic_year": academic_year, "carried_over_from": previous and previous.academic_year},
    )
    return record


@transaction.atomic
def filtering_update(*, record, by, expected_version, **fields):
    """Name the senior leader and governor responsible and the providers, if nobody saved in between."""
    before = FilteringRecord.objects.get(pk=record.pk)
    for name, value in fields.items():
        setattr(record, name, value)
    record.full_clean()
    save_versioned(record, expected_version, RECORD_FIELDS)
    changes = json_changes(diff(before, record, RECORD_FIELDS))
    if changes:
        record_event(action=AuditAction.FILTERING_UPDATED, by=by, school=record.school, obj=record, changes=changes)
    return record


@transaction.atomic
def filtering_review_record(*, record, by, nonce, reviewed_on, participants, checked, findings, blocking_decisions):
    """Record the yearly review: what was checked, who took part, what was found and decided."""
    not_in_future(reviewed_on, "reviewed_on", timezone.localdate())

    review, _ = create_once_audited(
        FilteringReview,
        nonce=nonce,
        school=record.school,
        by=by,
        action=AuditAction.FILTERING_REVIEWED,
        changes={"reviewed_on": reviewed_on.isoformat(), "participants": participants, "findings": findings},
        record=record,
        reviewed_on=reviewed_on,
        participants=participants,
        checked=checked,
        findings=findings,
        blocking_decisions=blocking_decisions,
        recorded_by=by,
    )
    return review


@transaction.atomic
def filtering_check_record(*, record, by, nonce, checked_on, category, method, result, done_by, notes=""):
    """Log one check that filtering (or monitoring) works, with its result."""
    not_in_future(checked_on, "checked_on", timezone.localdate())

    check, _ = create_once_audited(
        FilteringCheck,
        nonce=nonce,
        school=record.school,
        by=by,
        action=AuditAction.FILTERING_CHECKED,
        changes={"checked_on": checked_on.isoformat(), "category": category, "result": result},
        record=record,
        checked_on=checked_on,
        category=category,
        method=method,
        result=result,
        done_by=done_by,
        notes=notes,
        recorded_by=by,
    )
    return check
