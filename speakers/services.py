"""Use cases of the speaker and letting requests, each in one transaction with its audit events."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.audit import AuditAction, diff, record_event
from core.concurrency import refused_on_clash, save_versioned

from .default_checks import DEFAULT_CHECKS
from .models import (
    CheckTemplate,
    Condition,
    Decision,
    DueDiligenceCheck,
    Evaluation,
    Kind,
    LettingDate,
    SpeakerRequest,
    Status,
)
from .notices import decision_made_notify, request_raised_notify
from .selectors import latest_decision, outstanding_checks

REQUEST_FIELDS = [
    "kind",
    "speaker_names",
    "organisation",
    "contact_name",
    "contact_email",
    "contact_phone",
    "event_title",
    "starts_at",
    "place",
    "year_groups",
    "expected_size",
    "invited_by",
    "outline",
    "outline_file",
    "biography",
]

# The fields of each kind's form (the speaker's are REQUEST_FIELDS, kept as they were).
_COMMON = ["kind", "event_title", "starts_at", "place", "year_groups", "expected_size", "invited_by"]
KIND_FIELDS = {
    Kind.SPEAKER: REQUEST_FIELDS,
    Kind.VIRTUAL: [
        *_COMMON,
        "speaker_names",
        "organisation",
        "contact_name",
        "contact_email",
        "contact_phone",
        "platform",
        "delivery",
        "moderated_by",
        "chat_controls",
        "outline",
        "outline_file",
        "biography",
    ],
    Kind.RECORDED: [*_COMMON, "speaker_names", "organisation", "source", "previewed_by", "previewed_on", "outline"],
    Kind.LETTING: [
        *_COMMON,
        "organisation",
        "contact_name",
        "contact_email",
        "contact_phone",
        "speaker_names",
        "repeat",
        "series_until",
        "outline",
        "hire_agreement",
        "hire_conditions",
        "insurer",
        "insurance_expires",
        "insurance_certificate",
    ],
}
FILE_FIELDS = ("outline_file", "hire_agreement", "insurance_certificate")
_SERIES_FIELDS = {"kind", "starts_at", "repeat", "series_until"}

_STATUS_OF_OUTCOME = {
    Decision.Outcome.APPROVE: Status.APPROVED,
    Decision.Outcome.APPROVE_WITH_CONDITIONS: Status.APPROVED_WITH_CONDITIONS,
    Decision.Outcome.DECLINE: Status.DECLINED,
}


def checklist_ensure(school):
    """Give the school the default checklist if it has none yet; returns its active checks."""
    if not CheckTemplate.objects.filter(school=school).exists():
        with transaction.atomic():
            CheckTemplate.objects.bulk_create(
                CheckTemplate(
                    school=school, name=name, guidance=guidance, only_if_concerns=only_if, kinds=kinds, position=i
                )
                for i, (name, guidance, only_if, kinds) in enumerate(DEFAULT_CHECKS, start=1)
            )
    return list(CheckTemplate.objects.filter(school=school, active=True))


def _status_now(speaker_request):
    decision = latest_decision(speaker_request)
    if decision is not None:
        if Evaluation.objects.filter(request=speaker_request).exists():
            return Status.EVALUATED
        return _STATUS_OF_OUTCOME[decision.outcome]
    if not speaker_request.has_outline:
        return Status.DRAFT
    if outstanding_checks(speaker_request):
        return Status.AWAITING_CHECKS
    return Status.AWAITING_DECISION


def _refresh_status(speaker_request):
    status = _status_now(speaker_request)
    if status != speaker_request.status:
        SpeakerRequest.objects.filter(pk=speaker_request.pk).update(status=status)
        speaker_request.status = status
    return speaker_request


def _audit_values(speaker_request, fields):
    return {name: str(getattr(speaker_request, name)) for name in fields}


def _set_letting_dates(speaker_request):
    """A letting's dates, made again from its first date and repeat (only before it is decided)."""
    speaker_request.dates.all().delete()
    if speaker_request.kind == Kind.LETTING:
        LettingDate.objects.bulk_create(
            LettingDate(request=speaker_request, starts_at=when) for when in speaker_request.series_dates()
        )


def request_create(*, school, by, **fields):
    """Record a new request raised by ``by``; it waits for checks once it has an outline.

    A letting gets its dates listed (each week or two until the series' last date). This is the
    use case "a new speaker or letting request": the Lead is to be told of it.
    """
    speaker_request = SpeakerRequest(school=school, requested_by=by, **fields)
    speaker_request.full_clean()
    with transaction.atomic():
        checklist_ensure(school)
        speaker_request.save()
        _set_letting_dates(speaker_request)
        _refresh_status(speaker_request)
        record_event(
            action=AuditAction.CREATE,
            by=by,
            school=school,
            obj=speaker_request,
            changes=_audit_values(
                speaker_request, ["kind", "speaker_names", "organisation", "event_title", "starts_at"]
            ),
        )
        request_raised_notify(speaker_request)
    return speaker_request


def request_update(*, speaker_request, by, expected_version, **fields):
    """Change a request before it is decided (a second editor gets StaleEdit)."""
    if speaker_request.is_decided:
        raise ValidationError("This request has been decided and can no longer be changed.")
    before = SpeakerRequest.objects.get(pk=speaker_request.pk)
    for name, value in fields.items():
        setattr(speaker_request, name, value)
    speaker_request.full_clean()
    with transaction.atomic():
        for name in FILE_FIELDS:
            upload = getattr(speaker_request, name)
            if upload and not upload._committed:
                upload.save(upload.name, upload.file, save=False)
        save_versioned(speaker_request, expected_version, list(fields))
        if _SERIES_FIELDS & set(fields):
            _set_letting_dates(speaker_request)
        _refresh_status(speaker_request)
        record_event(
            action=AuditAction.UPDATE,
            by=by,
            school=speaker_request.school,
            obj=speaker_request,
            changes=diff(before, speaker_request, [f for f in fields if f not in FILE_FIELDS]),
        )
    return speaker_request


def check_record(*, speaker_request, template, by, result, notes):
    """Record (or record again) one due-diligence check of a request.

    The request's row is locked, so two people recording the same check at once do it one after
    the other: the second records it again (both are in the audit trail), never a server error.
    """
    if template.school_id != speaker_request.school_id:
        raise ValidationError("That check is not on this school's checklist.")
    if not template.applies_to(speaker_request.kind):
        raise ValidationError(f"That check is not for a request of this kind ({speaker_request.get_kind_display()}).")
    with transaction.atomic():
        SpeakerRequest.objects.select_for_update().filter(pk=speaker_request.pk).first()
        check = DueDiligenceCheck.objects.filter(request=speaker_request, template=template).first()
        before = {"result": check.result, "notes": check.notes} if check else None
        check = check or DueDiligenceCheck(request=speaker_request, template=template)
        check.done_by, check.done_at, check.result, check.notes = by, timezone.now(), result, notes
        check.full_clean()
        check.save()
        _refresh_status(speaker_request)
        record_event(
            action=AuditAction.UPDATE if before else AuditAction.CREATE,
            by=by,
            school=speaker_request.school,
            obj=check,
            changes={"request": speaker_request.pk, "check": template.name, "result": result, "before": before},
        )
    return check


def risk_record(*, speaker_request, by, rating, reason):
    """Set the request's risk rating and the reason for it."""
    if not reason.strip():
        raise ValidationError({"risk_reason": "Give the reason for the rating."})
    with transaction.atomic():
        before = (speaker_request.risk_rating, speaker_request.risk_reason)
        SpeakerRequest.objects.filter(pk=speaker_request.pk).update(risk_rating=rating, risk_reason=reason)
        speaker_request.risk_rating, speaker_request.risk_reason = rating, reason
        record_event(
            action=AuditAction.UPDATE,
            by=by,
            school=speaker_request.school,
            obj=speaker_request,
            changes={"risk_rating": [before[0], rating], "risk_reason": [before[1], reason]},
        )
    return speaker_request


def approval_problems(speaker_request):
    """What the request's kind needs before it may be approved, in words (empty: nothing missing)."""
    problems = []
    if speaker_request.kind == Kind.LETTING:
        if not speaker_request.hire_agreement:
            problems.append("Upload the hire agreement the hirer signed.")
        if not speaker_request.insurer.strip() or speaker_request.insurance_expires is None:
            problems.append("Give the hirer's public liability insurer and when the insurance expires.")
        else:
            last = max(speaker_request.series_dates())
            if speaker_request.insurance_expires < timezone.localtime(last).date():
                problems.append(
                    f"The hirer's insurance expires on {speaker_request.insurance_expires:%-d %B %Y}, "
                    f"before the last date of the booking ({timezone.localtime(last):%-d %B %Y})."
                )
    if speaker_request.kind == Kind.RECORDED and (
        speaker_request.previewed_by_id is None or speaker_request.previewed_on is None
    ):
        problems.append("Record who previewed the material in full, and when.")
    if speaker_request.kind == Kind.VIRTUAL and speaker_request.moderated_by_id is None:
        problems.append("Name the member of staff who hosts the session and controls the chat.")
    return problems


class DecisionConflict(ValidationError):
    """Someone else recorded a decision on the request while this person was deciding."""

    def __init__(self, standing):
        self.standing = standing
        when = timezone.localtime(standing.decided_at)
        super().__init__(
            f"{standing.decided_by} recorded a decision on this request while you were deciding: "
            f"{standing.get_outcome_display().lower()}, at {when:%H:%M on %-d %B %Y}. Your decision was not recorded. "
            "The decision that stands is shown below; to change it, record a new decision with your reason.",
            code="conflict",
        )


def decision_record(
    *,
    speaker_request,
    by,
    outcome,
    justification,
    conditions=(),
    other_conditions="",
    supersedes_id=None,
    reason_for_change="",
):
    """Record a decision in writing; a change of mind supersedes the current decision.

    This is the use case "a decision is made": the requester is to learn of it. The
    justification is the internal record's; the letter to the speaker or hirer never holds it
    (``speakers.speaker_letters``).

    Rules: an outline is needed for any decision; approval also needs every required check of
    the request's kind done and what its kind needs (``approval_problems``); conditions only go
    with 'approve with conditions'. ``supersedes_id`` is the current decision the decider saw
    (None for the first): if another was recorded since, nothing is made and
    ``DecisionConflict`` names the decision that stands. The request's row is locked while the
    decision is checked and written, and the database allows one first decision per request
    and one successor per decision, so two people deciding at once cannot both win.
    """
    with transaction.atomic():
        SpeakerRequest.objects.select_for_update().filter(pk=speaker_request.pk).first()
        current = latest_decision(speaker_request)
        if (current.pk if current else None) != supersedes_id:
            raise (
                DecisionConflict(current)
                if current
                else ValidationError(
                    "The decision you were changing is no longer on this request. Open the request again."
                )
            )
        errors = {}
        if not speaker_request.has_outline:
            errors["outcome"] = "A request cannot be decided without an outline of what the speaker intends to cover."
        elif outcome != Decision.Outcome.DECLINE and outstanding_checks(speaker_request):
            names = ", ".join(t.name for t in outstanding_checks(speaker_request))
            errors["outcome"] = f"It cannot be approved until every required check is done. Still to do: {names}."
        elif outcome != Decision.Outcome.DECLINE and approval_problems(speaker_request):
            errors["outcome"] = "It cannot be approved yet: " + " ".join(approval_problems(speaker_request))
        if not justification.strip():
            errors["justification"] = "Give the justification for the decision in writing."
        conditions = [c for c in conditions if c in Condition.values]
        if outcome == Decision.Outcome.APPROVE_WITH_CONDITIONS and not (conditions or other_conditions.strip()):
            errors["conditions"] = "Choose at least one condition, or describe it."
        if outcome != Decision.Outcome.APPROVE_WITH_CONDITIONS:
            conditions, other_conditions = [], ""
        if current is not None and not reason_for_change.strip():
            errors["reason_for_change"] = "Say why the earlier decision is being changed."
        if errors:
            raise ValidationError(errors)
        decision = Decision(
            request=speaker_request,
            outcome=outcome,
            conditions=conditions,
            other_conditions=other_conditions,
            justification=justification,
            supersedes=current,
            reason_for_change=reason_for_change if current else "",
            decided_by=by,
        )
        decision.full_clean(validate_constraints=False)
        try:
            with transaction.atomic():
                decision.save()
        except IntegrityError as exc:
            # The lock makes this unreachable for writers that take it; the rule holds for any other.
            standing = latest_decision(speaker_request)
            if standing is None:
                raise
            raise DecisionConflict(standing) from exc
        _refresh_status(speaker_request)
        record_event(
            action=AuditAction.CREATE,
            by=by,
            school=speaker_request.school,
            obj=decision,
            changes={
                "request": speaker_request.pk,
                "outcome": outcome,
                "conditions": decision.condition_labels,
                "justification": justification,
                "supersedes": current.pk if current else None,
                "reason_for_change": decision.reason_for_change,
            },
        )
        decision_made_notify(decision)
    return decision


EVALUATED_ALREADY = "This event has already been evaluated."


def evaluation_refusal(speaker_request):
    """Why the event cannot be evaluated now, or "": once only, after an approved event has happened."""
    if Evaluation.objects.filter(request=speaker_request).exists():
        return EVALUATED_ALREADY
    decision = latest_decision(speaker_request)
    if decision is None or not decision.is_approval:
        return "Only an approved event can be evaluated."
    if speaker_request.starts_at > timezone.now():
        return "The event has not happened yet: come back to evaluate it afterwards."
    return ""


def evaluation_record(*, speaker_request, by, went_as_agreed, notes, invite_again):
    """Record how an approved event went, once it has taken place (see ``evaluation_refusal``)."""
    refusal = evaluation_refusal(speaker_request)
    if refusal:
        raise ValidationError(refusal)
    evaluation = Evaluation(
        request=speaker_request, went_as_agreed=went_as_agreed, notes=notes, invite_again=invite_again, recorded_by=by
    )
    evaluation.full_clean(validate_unique=False)
    with transaction.atomic():
        with refused_on_clash(EVALUATED_ALREADY):  # evaluated by someone else at the same moment
            evaluation.save()
        _refresh_status(speaker_request)
        record_event(
            action=AuditAction.CREATE,
            by=by,
            school=speaker_request.school,
            obj=evaluation,
            changes={"request": speaker_request.pk, "went_as_agreed": went_as_agreed, "invite_again": invite_again},
        )
    return evaluation


def check_template_save(*, school, by, template=None, **fields):
    """Add a check to the school's checklist, or change one; open requests' statuses follow."""
    template = template or CheckTemplate(school=school)
    before = {name: getattr(template, name) for name in fields} if template.pk else None
    for name, value in fields.items():
        setattr(template, name, value)
    template.full_clean()
    with transaction.atomic():
        with refused_on_clash({"name": "The checklist already has a check with this name."}):
            template.save()
        for speaker_request in SpeakerRequest.objects.filter(
            school=school, status__in=(Status.AWAITING_CHECKS, Status.AWAITING_DECISION)
        ):
            _refresh_status(speaker_request)
        record_event(
            action=AuditAction.UPDATE if before else AuditAction.CREATE,
            by=by,
            school=school,
            obj=template,
            changes={"before": before, "after": fields},
        )
    return template


def letting_date_cancel(*, letting_date, by, reason):
    """Cancel one date of a letting series (the rest of the series stands), with the reason."""
    if not reason.strip():
        raise ValidationError({"cancel_reason": "Say why the date is cancelled."})
    with transaction.atomic():
        updated = LettingDate.objects.filter(pk=letting_date.pk, cancelled_at__isnull=True).update(
            cancelled_at=timezone.now(), cancelled_by=by, cancel_reason=reason
        )
        if not updated:
            raise ValidationError("This date has already been cancelled.")
        letting_date.refresh_from_db()
        record_event(
            action=AuditAction.UPDATE,
            by=by,
            school=letting_date.request.school,
            obj=letting_date,
            changes={"request": letting_date.request_id, "cancelled": str(letting_date.starts_at), "reason": reason},
        )
    return letting_date
