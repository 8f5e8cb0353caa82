"""Writes for referrals: one function per use case, in a transaction, audited."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.audit import AuditAction, diff, record_event
from core.concurrency import refused_on_clash, save_versioned

from .categories import CONCERN_CATEGORIES
from .default_contacts import default_contact_rows
from .identifiers import check_pupil_identifier, settings_for
from .models import (
    AgencyContact,
    AgreedAction,
    Case,
    CaseAccess,
    ChannelPanel,
    ConcernCategory,
    Decision,
    InformationSharing,
    LocalContact,
)
from .models.retention import DEFAULT_RETENTION_YEARS
from .outcomes import facts_of, refusal
from .references import format_reference, next_number

CONTACT_FIELDS = ["name", "role", "purpose", "phone", "email", "web_address", "notes", "order"]
RETENTION_BEFORE_CLOSING = "The retention review date cannot be before the date the case closed."
REFERENCE_ATTEMPTS = 5
NO_DECISION_YET = "Record at least one decision (even 'no further action') before closing the case."


# Contacts


@transaction.atomic
def contacts_create_defaults(*, school, by=None):
    """Add the national contacts, and the local ones of the school's area, that the school lacks.

    Running it again adds nothing: a contact of the same name is left as the school edited it.
    """
    existing = set(LocalContact.objects.filter(school=school).values_list("name", flat=True))
    created = []
    for contact in default_contact_rows(school):
        if contact.name in existing:
            continue
        contact.full_clean()
        contact.save()
        record_event(action=AuditAction.CREATE, by=by, school=school, obj=contact, changes={"source": "defaults"})
        created.append(contact)
    return created


@transaction.atomic
def contact_save(*, school, by, contact, expected_version=None):
    """Add a contact, or save the changes to one (refused if someone saved it in between)."""
    contact.school = school
    contact.full_clean()
    if contact.pk is None:
        contact.save()
        record_event(action=AuditAction.CREATE, by=by, school=school, obj=contact)
        return contact
    before = LocalContact.objects.get(pk=contact.pk)
    save_versioned(contact, expected_version, CONTACT_FIELDS)
    record_event(
        action=AuditAction.UPDATE, by=by, school=school, obj=contact, changes=diff(before, contact, CONTACT_FIELDS)
    )
    return contact


@transaction.atomic
def contact_delete(*, contact, by):
    record_event(action=AuditAction.DELETE, by=by, school=contact.school, obj=contact)
    contact.delete()


# Types of concern


def concern_categories_ensure():
    """Add the default types of concern (referrals.categories) that are missing; change none."""
    for order, (code, label, description) in enumerate(CONCERN_CATEGORIES, start=1):
        ConcernCategory.objects.get_or_create(
            code=code, defaults={"label": label, "description": description, "order": order * 10}
        )


# Cases


def case_open(*, school, by, pupil_identifier, year_group, raised_on, raised_by, summary, concern_category=None):
    """Open a case with the next reference of the school for the year it was raised.

    The pupil identifier must be a record reference in the school's pattern, never a name.

    Two cases opened at the same moment may compute the same number: the unique constraint
    refuses the second, which then takes the next number.
    """
    try:
        pupil_identifier = check_pupil_identifier(
            pupil_identifier, pattern=settings_for(school).pupil_identifier_pattern
        )
    except ValidationError as exc:
        raise ValidationError({"pupil_identifier": exc.messages}) from exc
    for _attempt in range(REFERENCE_ATTEMPTS):
        try:
            with transaction.atomic():
                number = next_number(school, raised_on.year)
                case = Case(
                    school=school,
                    year=raised_on.year,
                    number=number,
                    reference=format_reference(raised_on.year, number),
                    pupil_identifier=pupil_identifier,
                    concern_category=concern_category,
                    year_group=year_group,
                    raised_on=raised_on,
                    raised_by=raised_by,
                    summary=summary,
                    recorded_by=by,
                )
                case.full_clean(validate_constraints=False)
                case.save()
                record_event(
                    action=AuditAction.CREATE,
                    by=by,
                    school=school,
                    obj=case,
                    changes={"reference": case.reference, "raised_on": raised_on},
                )
                return case
        except IntegrityError:
            continue
    raise ValidationError("The case could not be given a reference: please try again.")


@transaction.atomic
def case_category_set(*, case, by, concern_category):
    """Record or change the type of concern (it often becomes clear only after advice or triage)."""
    case_require_open(case)
    before = case.concern_category
    if before == concern_category:
        return case
    case.concern_category = concern_category
    case.save(update_fields=["concern_category"])
    record_event(
        action=AuditAction.UPDATE,
        by=by,
        school=case.school,
        obj=case,
        changes={"concern_category": [str(before or ""), str(concern_category)]},
    )
    return case


def case_require_open(case):
    """Refused on a closed case: nothing more is recorded on it."""
    if not case.is_open:
        raise ValidationError(f"{case.reference} is closed: nothing more can be recorded on it.")


def case_record_create(model, *, case, by, audit_fields, **fields):
    """A new record of an open case (triage, consent, panel...), validated and audited."""
    case_require_open(case)
    record = model(case=case, **fields)
    record.full_clean()
    record.save()
    record_event(
        action=AuditAction.CREATE,
        by=by,
        school=case.school,
        obj=record,
        changes={"case": case.reference, **{name: getattr(record, name) for name in audit_fields}},
    )
    return record


@transaction.atomic
def decision_record(*, case, by, kind, rationale, decided_on, supersedes=None, correction_reason=""):
    """Record a decision and its reasons; a correction names the decision it supersedes and why.

    The case's row is locked while a correction is checked and written, and the database allows
    one correction of each decision: of two people correcting the same decision at once, the
    second is told it has just been corrected, and by whom.
    """
    if supersedes is not None:
        Case.objects.select_for_update().filter(pk=case.pk).first()
        if supersedes.case_id != case.pk:
            raise ValidationError("A decision can only supersede a decision of the same case.")
        correction = Decision.objects.filter(supersedes=supersedes).select_related("decided_by").first()
        if correction is not None:
            raise ValidationError(_already_corrected(correction))
        if not correction_reason.strip():
            raise ValidationError("Say why the earlier decision is being corrected.")
    with refused_on_clash("That decision has just been corrected by someone else: read the case again."):
        return case_record_create(
            Decision,
            case=case,
            by=by,
            audit_fields=["kind", "decided_on", "supersedes_id"],
            kind=kind,
            rationale=rationale,
            decided_on=decided_on,
            decided_by=by,
            supersedes=supersedes,
            correction_reason=correction_reason,
        )


def _already_corrected(correction):
    return (
        f"That decision has already been corrected, by {correction.decided_by} "
        f"({correction.get_kind_display().lower()}, {correction.decided_on:%-d %B %Y}). Your correction was not "
        "recorded: read the case again, and correct the newer decision if it is still needed."
    )


@transaction.atomic
def agency_contact_record(*, case, by, **fields):
    """Log a contact with another agency (the LA Prevent officer, the police, the MASH...)."""
    return case_record_create(
        AgencyContact, case=case, by=by, audit_fields=["agency", "contacted_on", "method"], recorded_by=by, **fields
    )


@transaction.atomic
def channel_panel_record(*, case, by, **fields):
    """Record a Channel panel meeting: its date, whether it adopted the case, the support agreed."""
    return case_record_create(
        ChannelPanel, case=case, by=by, audit_fields=["panel_on", "adoption"], recorded_by=by, **fields
    )


@transaction.atomic
def information_sharing_record(*, case, by, **fields):
    """Log information shared about the case: what, with whom, on what lawful basis."""
    return case_record_create(
        InformationSharing,
        case=case,
        by=by,
        audit_fields=["what", "shared_with", "lawful_basis", "shared_on"],
        shared_by=by,
        **fields,
    )


@transaction.atomic
def agreed_action_add(*, case, by, description, owner, due_on):
    """Add an action the school agreed to carry out, with its owner and due date."""
    return case_record_create(
        AgreedAction,
        case=case,
        by=by,
        audit_fields=["description", "owner_id", "due_on"],
        description=description,
        owner=owner,
        due_on=due_on,
        recorded_by=by,
    )


@transaction.atomic
def agreed_action_done(*, action, by, done_on=None):
    """Mark an agreed action done (once: a second click changes nothing)."""
    if action.done_on is not None:
        return action
    action.done_on = done_on or timezone.localdate()
    save_versioned(action, action.version, ["done_on"])
    record_event(
        action=AuditAction.UPDATE,
        by=by,
        school=action.case.school,
        obj=action,
        changes={"done_on": [None, action.done_on]},
    )
    return action


def retention_review_date(*, birth_year=None, given=None, years=DEFAULT_RETENTION_YEARS):
    """The date the record is reviewed: the date the school gives, else the end of birth year + ``years``."""
    if given is not None:
        return given
    if birth_year is None:
        raise ValidationError("Give the pupil's year of birth or the retention review date.")
    # With only the year known, the latest possible date of birth keeps the record long enough.
    return datetime.date(birth_year + years, 12, 31)


@transaction.atomic
def case_close(*, case, by, closed_on, outcome, outcome_note="", birth_year=None, retention_review_on=None):
    """Close a case with its outcome and the date its record is to be reviewed.

    The outcome must follow from the decisions, triage, Channel panels and consent recorded
    (referrals.outcomes): anything else is refused and nothing is saved.
    """
    case = Case.objects.select_for_update().get(pk=case.pk)
    case_require_open(case)
    if not case.decisions.exists():
        raise ValidationError(NO_DECISION_YET)
    if case.agreed_actions.filter(done_on__isnull=True).exists():
        raise ValidationError("Some agreed actions are not done yet: mark them done before closing the case.")
    if closed_on < case.raised_on:
        raise ValidationError("The case cannot close before the date it was raised.")
    refused = refusal(outcome, facts_of(case))
    if refused:
        raise ValidationError({"outcome": refused})
    case.closed_on = closed_on
    case.outcome = outcome
    case.outcome_note = outcome_note
    case.birth_year = birth_year
    case.retention_review_on = retention_review_date(
        birth_year=birth_year, given=retention_review_on, years=settings_for(case.school).retention_years
    )
    if case.retention_review_on < closed_on:
        raise ValidationError({"retention_review_on": RETENTION_BEFORE_CLOSING})
    case.closed_by = by
    case.full_clean(validate_constraints=False)
    case.save(update_fields=["closed_on", "outcome", "outcome_note", "birth_year", "retention_review_on", "closed_by"])
    record_event(
        action=AuditAction.UPDATE,
        by=by,
        school=case.school,
        obj=case,
        changes={"closed_on": closed_on, "outcome": outcome, "retention_review_on": case.retention_review_on},
    )
    return case


@transaction.atomic
def case_access_record(*, case, user, what, export=False):
    """Log that ``user`` viewed (or exported) the case: the Lead's access log and the audit trail."""
    CaseAccess.objects.create(case=case, user=user, what=what)
    record_event(
        action=AuditAction.EXPORT if export else AuditAction.VIEW,
        by=user,
        school=case.school,
        obj=case,
        changes={"what": what},
    )


CASE_LISTED = "Saw it in the case list"


@transaction.atomic
def case_list_access_record(*, school, cases, user):
    """Log that ``user`` saw ``cases`` in the case list (their references, dates, decisions and
    overdue actions): a row per case in the Lead's access log, and one audit event."""
    cases = {case.pk: case for case in cases}.values()
    if not cases:
        return
    CaseAccess.objects.bulk_create(CaseAccess(case=case, user=user, what=CASE_LISTED) for case in cases)
    record_event(
        action=AuditAction.VIEW,
        by=user,
        school=school,
        object_type="referrals.case",
        changes={"what": "Viewed the case list", "cases": sorted(case.reference for case in cases)},
    )
