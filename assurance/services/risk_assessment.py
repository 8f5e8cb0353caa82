"""Use cases of the Prevent risk assessment: start a year, edit, add and change risks, review,
sign off (the head), note (governors), publish the summary to staff."""

import uuid

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.audit import AuditAction, diff, record_event
from accounts.models import School
from core.concurrency import save_versioned
from core.periods import academic_year_of

from ..models import GovernorNote, Risk, RiskAssessment, RiskHistory, RiskReview, RiskSignOff
from .records import create_once, create_once_audited, json_changes, not_in_future

HEADER_FIELDS = [
    "completed_by",
    "implemented_on",
    "national_context",
    "local_context",
    "local_profile_briefing_on",
    "local_profile_source",
]
RISK_FIELDS = [
    "heading",
    "risk",
    "hazard",
    "likelihood",
    "impact",
    "controls",
    "further_action",
    "lead",
    "due_on",
    "status",
]

# A first assessment's national picture: a starting point the school replaces with its own words.
DEFAULT_NATIONAL_CONTEXT = (
    "The national threat level is set by the Joint Terrorism Analysis Centre: check the current level on "
    "MI5's website when reviewing this assessment. Islamist and extreme right-wing terrorism remain the main "
    "threats. The Home Office's Prevent statistics show that a large share of referrals are of children and "
    "young people, a growing number with mixed, unclear or unstable ideologies, and that radicalisation "
    "increasingly happens online: on social media, gaming platforms and messaging apps. "
    "(A starting point: replace it with the school's own summary.)"
)


def _check_open(assessment):
    if assessment.is_read_only:
        raise ValidationError(
            f"The {assessment.academic_year} risk assessment was carried over to the next year and is kept as it "
            "was: change the current year's instead."
        )


def _touch(assessment):
    """The content changed now: any sign-off before this moment no longer covers it."""
    assessment.changed_at = timezone.now()
    RiskAssessment.objects.filter(pk=assessment.pk).update(changed_at=assessment.changed_at)


@transaction.atomic
def risk_assessment_start(*, school, by, academic_year=None):
    """The school's risk assessment for a year (this one by default), made if there is none yet.

    A school's first assessment starts from a default national picture; later ones carry over
    last year's picture and risks (each risk pointing at last year's), and last year's is then
    kept read-only. Asking twice returns the same assessment.
    """
    academic_year = academic_year or academic_year_of(timezone.localdate())
    existing = RiskAssessment.objects.filter(school=school, academic_year=academic_year).first()
    if existing is not None:
        return existing
    previous = (
        RiskAssessment.objects.select_for_update()
        .filter(school=school, academic_year__lt=academic_year, closed_at__isnull=True)
        .order_by("-academic_year")
        .first()
    )
    now = timezone.now()
    assessment = RiskAssessment(
        school=school,
        academic_year=academic_year,
        completed_by=by,
        national_context=previous.national_context if previous else DEFAULT_NATIONAL_CONTEXT,
        local_context=previous.local_context if previous else "",
        local_profile_briefing_on=previous.local_profile_briefing_on if previous else None,
        local_profile_source=previous.local_profile_source if previous else "",
        previous=previous,
        changed_at=now,
        created_by=by,
    )
    assessment.full_clean()
    try:
        with transaction.atomic():
            assessment.save()
    except IntegrityError:  # started by someone else at the same moment
        return RiskAssessment.objects.get(school=school, academic_year=academic_year)
    carried = 0
    if previous is not None:
        for old in previous.risks.exclude(status=Risk.Status.CLOSED).order_by("position", "pk"):
            new = Risk.objects.create(
                school=school,
                assessment=assessment,
                **{name: getattr(old, name) for name in RISK_FIELDS},
                position=old.position,
                carried_from=old,
                nonce=uuid.uuid4().hex,
            )
            RiskHistory.objects.create(risk=new, by=by, summary=f"Carried over from {previous.academic_year}")
            carried += 1
        previous.closed_at = now
        previous.save(update_fields=["closed_at"])
    record_event(
        action=AuditAction.RISK_ASSESSMENT_STARTED,
        by=by,
        school=school,
        obj=assessment,
        changes={"academic_year": academic_year, "carried_over_from": previous and previous.academic_year},
    )
    return assessment


@transaction.atomic
def risk_assessment_update(*, assessment, by, expected_version, **fields):
    """Change the header and the national and local picture, if nobody saved in between."""
    _check_open(assessment)
    before = RiskAssessment.objects.get(pk=assessment.pk)
    for name, value in fields.items():
        setattr(assessment, name, value)
    not_in_future(assessment.implemented_on, "implemented_on", timezone.localdate())
    assessment.full_clean()
    save_versioned(assessment, expected_version, HEADER_FIELDS)
    changes = json_changes(diff(before, assessment, HEADER_FIELDS))
    if changes:
        _touch(assessment)
        record_event(
            action=AuditAction.RISK_ASSESSMENT_UPDATED,
            by=by,
            school=assessment.school,
            obj=assessment,
            changes=changes,
        )
    return assessment


@transaction.atomic
def risk_add(*, assessment, by, nonce, **fields):
    """Add a risk to the assessment (once per form submit)."""
    _check_open(assessment)
    school = assessment.school

    def build():
        last = assessment.risks.order_by("-position").values_list("position", flat=True).first()
        return Risk(school=school, assessment=assessment, position=(last or 0) + 1, **fields)

    risk, created = create_once(Risk, nonce=nonce, school=school, build=build)
    if created:
        RiskHistory.objects.create(risk=risk, by=by, summary="Added to the risk assessment")
        _touch(assessment)
        record_event(
            action=AuditAction.RISK_ADDED,
            by=by,
            school=school,
            obj=risk,
            changes=json_changes({name: (None, getattr(risk, name)) for name in RISK_FIELDS}),
        )
    return risk


@transaction.atomic
def risk_update(*, risk, by, expected_version, fields):
    """Change a risk (``fields``: {name: value}; one is called "risk"), keeping what changed in
    its history and the audit trail."""
    _check_open(risk.assessment)
    before = Risk.objects.get(pk=risk.pk)
    for name, value in fields.items():
        setattr(risk, name, value)
    risk.full_clean(exclude=["nonce"])
    save_versioned(risk, expected_version, RISK_FIELDS)
    changes = json_changes(diff(before, risk, RISK_FIELDS))
    if changes:
        RiskHistory.objects.create(risk=risk, by=by, summary="Updated", changes=changes)
        _touch(risk.assessment)
        record_event(action=AuditAction.RISK_UPDATED, by=by, school=risk.school, obj=risk, changes=changes)
    return risk


@transaction.atomic
def risk_review_record(*, assessment, by, nonce, reviewed_on, reason, notes):
    """Record a review of the whole assessment (yearly, after an incident, ...), with its reason."""
    _check_open(assessment)
    not_in_future(reviewed_on, "reviewed_on", timezone.localdate())

    review, created = create_once_audited(
        RiskReview,
        nonce=nonce,
        school=assessment.school,
        by=by,
        action=AuditAction.RISK_ASSESSMENT_REVIEWED,
        changes={"reviewed_on": reviewed_on.isoformat(), "reason": reason, "notes": notes},
        assessment=assessment,
        reviewed_on=reviewed_on,
        reason=reason,
        notes=notes,
        reviewed_by=by,
    )
    if created:
        _touch(assessment)  # the head signs off the reviewed assessment
    return review


@transaction.atomic
def risk_assessment_sign_off(*, assessment, by, nonce, comment=""):
    """The headteacher signs the assessment off as it stands now."""
    _check_open(assessment)

    sign_off, _ = create_once_audited(
        RiskSignOff,
        nonce=nonce,
        school=assessment.school,
        by=by,
        action=AuditAction.RISK_ASSESSMENT_SIGNED_OFF,
        changes={"assessment": assessment.pk, "content_as_of": assessment.changed_at, "comment": comment},
        assessment=assessment,
        signed_by=by,
        content_as_of=assessment.changed_at,
        comment=comment,
    )
    return sign_off


@transaction.atomic
def risk_assessment_note(*, assessment, by, nonce, meeting_on=None, comment=""):
    """A governor records that the governing body has noted the assessment."""
    not_in_future(meeting_on, "meeting_on", timezone.localdate())

    note, _ = create_once_audited(
        GovernorNote,
        nonce=nonce,
        school=assessment.school,
        by=by,
        action=AuditAction.RISK_ASSESSMENT_NOTED,
        changes={"assessment": assessment.pk, "meeting_on": meeting_on, "comment": comment},
        assessment=assessment,
        noted_by=by,
        meeting_on=meeting_on,
        content_as_of=assessment.changed_at,
        comment=comment,
    )
    return note


@transaction.atomic
def risk_assessment_summary_publish(*, school, by, publish):
    """Let every member of staff read the risk assessment's summary (or stop it)."""
    School.objects.filter(pk=school.pk).update(publish_risk_assessment_summary=publish)
    changed = school.publish_risk_assessment_summary != publish
    school.publish_risk_assessment_summary = publish
    if changed:
        record_event(
            action=AuditAction.SUMMARY_PUBLISHED if publish else AuditAction.SUMMARY_WITHDRAWN,
            by=by,
            school=school,
            obj=school,
            changes={"publish_risk_assessment_summary": [not publish, publish]},
        )
    return school
