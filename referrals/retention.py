"""Writes for keeping and disposing of case records: legal holds, retention reviews, the settings.

Disposal here is anonymisation: the case keeps its reference, dates, decisions and outcome (the
school's evidence, append-only in the database) and loses what points at the pupil: the record
reference, the summary and the note on the outcome. A legal hold refuses it, as it refuses
deleting the case (Case.delete).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.audit import AuditAction, record_event
from accounts.roles import can

from .identifiers import settings_for
from .models import Case, LegalHold, RetentionReview
from .models.retention import refuse_if_on_hold

ANONYMISED_IDENTIFIER = "anonymised"
ANONYMISED_SUMMARY = "Anonymised after its retention review."


@transaction.atomic
def legal_hold_place(*, case, by, reason):
    """Place a legal hold on a case: nothing deletes or anonymises it until the hold is released."""
    case = Case.objects.select_for_update().select_related("school").get(pk=case.pk)
    if case.anonymised_on:
        raise ValidationError(
            f"{case.reference} was anonymised on {case.anonymised_on:%-d %B %Y}: nothing is left to hold."
        )
    if LegalHold.objects.active().filter(case=case).exists():
        raise ValidationError(f"{case.reference} is already on legal hold.")
    hold = LegalHold(case=case, reason=reason, placed_by=by)
    hold.full_clean()
    hold.save()
    record_event(action=AuditAction.CREATE, by=by, school=case.school, obj=hold, changes={"case": case.reference})
    return hold


@transaction.atomic
def legal_hold_release(*, hold, by, release_reason):
    """Release a legal hold, once, saying why; the hold and its release stay in the record."""
    if not release_reason.strip():
        raise ValidationError({"release_reason": "Say why the hold is released."})
    now = timezone.now()
    released = LegalHold.objects.filter(pk=hold.pk, released_at__isnull=True).update(
        released_by=by, released_at=now, release_reason=release_reason
    )
    if not released:
        raise ValidationError("That legal hold has already been released.")
    hold.released_by, hold.released_at, hold.release_reason = by, now, release_reason
    record_event(
        action=AuditAction.UPDATE,
        by=by,
        school=hold.case.school,
        obj=hold,
        changes={"case": hold.case.reference, "released": True},
    )
    return hold


@transaction.atomic
def retention_review_record(*, case, by, decision, reviewed_on, note, next_review_on=None):
    """Record a closed case's retention review: keep it until a new review date, or anonymise it.

    Anonymising is refused while the case is on legal hold, and nothing is saved.
    """
    case = Case.objects.select_for_update().select_related("school").get(pk=case.pk)
    if case.is_open:
        raise ValidationError(f"{case.reference} is still open: its record is reviewed after it closes.")
    if case.anonymised_on:
        raise ValidationError(f"{case.reference} was anonymised on {case.anonymised_on:%-d %B %Y}.")
    if decision == RetentionReview.Decision.ANONYMISE:
        refuse_if_on_hold(case, "anonymised")
    if next_review_on is not None and next_review_on <= reviewed_on:
        raise ValidationError({"next_review_on": "The next review date must come after this review."})
    review = RetentionReview(
        case=case, decision=decision, reviewed_on=reviewed_on, next_review_on=next_review_on, note=note, reviewed_by=by
    )
    review.full_clean()
    review.save()
    changes = {"case": case.reference, "decision": decision, "next_review_on": next_review_on}
    if decision == RetentionReview.Decision.KEEP:
        case.retention_review_on = next_review_on
        case.save(update_fields=["retention_review_on"])
    else:
        case.pupil_identifier = ANONYMISED_IDENTIFIER
        case.summary = ANONYMISED_SUMMARY
        case.outcome_note = ""
        case.birth_year = None
        case.anonymised_on = reviewed_on
        case.save(update_fields=["pupil_identifier", "summary", "outcome_note", "birth_year", "anonymised_on"])
    record_event(action=AuditAction.CREATE, by=by, school=case.school, obj=review, changes=changes)
    return review


SETTINGS_FIELDS = ["pupil_identifier_pattern", "retention_years"]


@transaction.atomic
def referral_settings_save(*, school, by, pupil_identifier_pattern, retention_years, deputy_dsl_sees_referrals, roles):
    """Save the school's referral settings. Giving deputy DSLs the DSL's access to cases is granting
    a referral role: only someone who may grant those (the Lead; a site administrator in the admin)."""
    settings = settings_for(school)
    before = {name: getattr(settings, name) for name in SETTINGS_FIELDS}
    settings.pupil_identifier_pattern = pupil_identifier_pattern
    settings.retention_years = retention_years
    settings.full_clean()
    settings.save()
    changes = {
        name: [before[name], getattr(settings, name)]
        for name in SETTINGS_FIELDS
        if before[name] != getattr(settings, name)
    }
    if deputy_dsl_sees_referrals != school.deputy_dsl_sees_referrals:
        if not can(roles, "grant_referral_roles", school):
            raise ValidationError("Only the Prevent Lead gives deputy DSLs access to referral cases.")
        type(school).objects.filter(pk=school.pk).update(deputy_dsl_sees_referrals=deputy_dsl_sees_referrals)
        changes["deputy_dsl_sees_referrals"] = [school.deputy_dsl_sees_referrals, deputy_dsl_sees_referrals]
        school.deputy_dsl_sees_referrals = deputy_dsl_sees_referrals
    if changes:
        record_event(action=AuditAction.UPDATE, by=by, school=school, obj=settings, changes=changes)
    return settings
