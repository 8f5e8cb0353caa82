"""The letter to the speaker or hirer: drafted from the decision, reviewed by the Lead, marked sent.

The internal decision record (``Decision``: justification, conditions, who decided and when) is
for the register, the governors and the requester. The letter is another thing: on the school's
letterhead, to the speaker or hirer alone, signed by a named person, saying the outcome and any
conditions in neutral words. It never carries the reasons: police or Prevent advice passed to the
person it concerns can harm an investigation and the person who gave it. The services refuse a
letter that repeats the justification, a check's notes or words that point at such advice.
"""

import hashlib
import re
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from accounts.audit import AuditAction, diff, record_event
from core.concurrency import refused_on_clash, save_versioned
from core.pdf import html_to_pdf

from .models import Kind, Letter, SentLetter
from .selectors import latest_decision

LETTER_CSS = Path(__file__).with_name("letter.css")
LETTERHEAD_CSS = Path(__file__).with_name("speaker_letter.css")
LETTER_FIELDS = [
    "addressee_name",
    "addressee_organisation",
    "addressee_address",
    "body",
    "conditions",
    "signatory_name",
    "signatory_role",
]
# Words that point at where a reason came from; the letter names none of them.
_SOURCE_WORDS = re.compile(
    r"\b(proscribed|prevent (officer|coordinator|advice|team|referral)|channel panel|intelligence|"
    r"police (advice|advise[sd]?|view)|counter[- ]terrorism|extremis[mt]s?|radicali[sz]\w*)\b",
    re.IGNORECASE,
)
NO_REASONS = (
    "The letter must not give the reasons for the decision or anything drawn from police or Prevent advice "
    "({found}): keep those in the internal decision record, and say only the outcome and any conditions."
)
_WHAT = {
    Kind.SPEAKER: "visit",
    Kind.VIRTUAL: "online session",
    Kind.RECORDED: "material to be shown in class",
    Kind.LETTING: "booking of the premises",
}


def _normal(text):
    return " ".join(text.lower().split())


def _fragments(text, shortest=25):
    """The sentences and clauses of ``text`` long enough to recognise if copied into a letter."""
    parts = re.split(r"[.;:!?\n]+", text)
    return [_normal(p) for p in parts if len(_normal(p)) >= shortest]


def reasons_in(text, speaker_request, decision):
    """The reasons ``text`` gives away, in words (empty: none).

    Catches the justification or a reason for change copied in whole or in part, a check's notes
    or the risk reason, and words that name police, Prevent or intelligence as a source.
    """
    found = []
    letter = _normal(text)
    internal = [decision.justification, decision.reason_for_change, speaker_request.risk_reason]
    internal += [check.notes for check in speaker_request.checks.all()]
    if any(fragment in letter for source in internal for fragment in _fragments(source)):
        found.append("it repeats the internal record's words")
    # The event's own title and the names in it may use such words ("Staying safe from radicalisation").
    named = text
    for own in (speaker_request.event_title, speaker_request.organisation, speaker_request.speaker_names):
        named = named.replace(own, "") if own.strip() else named
    words = sorted({m.group(0).lower() for m in _SOURCE_WORDS.finditer(named)})
    if words:
        found.append("it mentions " + ", ".join(f"'{w}'" for w in words))
    return found


def letter_wording(speaker_request, decision):
    """The neutral wording a draft starts with: the outcome, never the reasons."""
    what = _WHAT.get(speaker_request.kind, "visit")
    when = timezone.localtime(speaker_request.starts_at)
    event = f"“{speaker_request.event_title}” on {when:%-d %B %Y}"
    if speaker_request.kind == Kind.LETTING and speaker_request.repeat != speaker_request.Repeat.ONCE:
        event = f"“{speaker_request.event_title}”, {speaker_request.get_repeat_display().lower()} from {when:%-d %B %Y}"
    school = speaker_request.school.name
    if decision.outcome == decision.Outcome.DECLINE:
        return (
            f"Thank you for your interest in {event}. I am writing to let you know that {school} will not be going "
            f"ahead with the {what}.\n\nThis decision applies to this {what} only."
        )
    if decision.outcome == decision.Outcome.APPROVE_WITH_CONDITIONS:
        return (
            f"Thank you for {event}. I am pleased to confirm that {school} agrees to the {what}, on the "
            f"conditions listed below.\n\nPlease confirm that you accept them before the date."
        )
    return f"Thank you for {event}. I am pleased to confirm that {school} agrees to the {what}."


def letter_initial(speaker_request, decision, by):
    """What a new draft's form starts with: the speaker or hirer, the wording, the signatory."""
    if speaker_request.kind == Kind.LETTING:
        name, organisation = speaker_request.contact_name, speaker_request.organisation
    else:
        name, organisation = speaker_request.speaker_names, speaker_request.organisation
    return {
        "addressee_name": name,
        "addressee_organisation": organisation,
        "addressee_address": speaker_request.contact_email,
        "body": letter_wording(speaker_request, decision),
        "conditions": "\n".join(decision.condition_labels),
        "signatory_name": by.full_name,
        "signatory_role": "",
    }


def _refuse_reasons(letter):
    found = reasons_in(f"{letter.body}\n{letter.conditions}", letter.request, letter.decision)
    if found:
        raise ValidationError({"body": NO_REASONS.format(found="; ".join(found))})


def letter_draft(*, speaker_request, decision, by, **fields):
    """Draft the letter for the request's current decision (one letter per decision)."""
    if decision.request_id != speaker_request.pk:
        raise ValidationError("That decision is not on this request.")
    current = latest_decision(speaker_request)
    if current is None or current.pk != decision.pk:
        raise ValidationError("A letter is drafted for the decision that stands, not one it superseded.")
    letter = Letter(request=speaker_request, decision=decision, drafted_by=by, **fields)
    letter.full_clean(validate_unique=False)
    _refuse_reasons(letter)
    with transaction.atomic():
        with refused_on_clash("A letter for this decision has already been drafted: open it to change it."):
            letter.save()
        record_event(
            action=AuditAction.CREATE,
            by=by,
            school=speaker_request.school,
            obj=letter,
            changes={"request": speaker_request.pk, "decision": decision.pk, "to": letter.addressee_name},
        )
    return letter


def letter_update(*, letter, by, expected_version, **fields):
    """Change a letter's wording, addressee or signatory before it is sent; it needs review again."""
    if letter.state == Letter.State.SENT:
        raise ValidationError("This letter has been sent and can no longer be changed.")
    before = Letter.objects.get(pk=letter.pk)
    for name, value in fields.items():
        setattr(letter, name, value)
    letter.state, letter.reviewed_by, letter.reviewed_at = Letter.State.DRAFT, None, None
    letter.full_clean(validate_unique=False)
    _refuse_reasons(letter)
    with transaction.atomic():
        save_versioned(letter, expected_version, [*fields, "state", "reviewed_by", "reviewed_at"])
        record_event(
            action=AuditAction.UPDATE,
            by=by,
            school=letter.request.school,
            obj=letter,
            changes=diff(before, letter, fields),
        )
    return letter


def letter_review(*, letter, by):
    """The Lead has read the letter and it may be sent as it is."""
    if letter.state != Letter.State.DRAFT:
        raise ValidationError("Only a draft letter is reviewed.")
    _refuse_reasons(letter)
    with transaction.atomic():
        now = timezone.now()
        if not Letter.objects.filter(pk=letter.pk, state=Letter.State.DRAFT).update(
            state=Letter.State.REVIEWED, reviewed_by=by, reviewed_at=now
        ):
            raise ValidationError("The letter was changed or reviewed by someone else: open it again.")
        letter.state, letter.reviewed_by, letter.reviewed_at = Letter.State.REVIEWED, by, now
        record_event(
            action=AuditAction.UPDATE, by=by, school=letter.request.school, obj=letter, changes={"state": "reviewed"}
        )
    return letter


def letter_mark_sent(*, letter, by, sent_how):
    """Record that the reviewed letter was sent: its HTML exactly as sent, with its SHA-256."""
    if letter.state != Letter.State.REVIEWED:
        raise ValidationError("A letter is reviewed before it is sent.")
    now = timezone.now()
    html = letter_html(letter, sent_at=now)
    sent = SentLetter(
        letter=letter, html=html, sha256=hashlib.sha256(html.encode()).hexdigest(), sent_how=sent_how, sent_by=by
    )
    sent.sent_at = now
    sent.full_clean(validate_unique=False)
    with transaction.atomic():
        if not Letter.objects.filter(pk=letter.pk, state=Letter.State.REVIEWED).update(state=Letter.State.SENT):
            raise ValidationError("The letter was changed or sent by someone else: open it again.")
        with refused_on_clash("This letter has already been marked as sent."):
            sent.save()
        letter.state = Letter.State.SENT
        record_event(
            action=AuditAction.CREATE,
            by=by,
            school=letter.request.school,
            obj=sent,
            changes={"letter": letter.pk, "sha256": sent.sha256, "sent_how": sent_how},
        )
    return sent


def letter_html(letter, *, sent_at=None):
    """The letter as a whole HTML document (a draft is marked as one)."""
    return render_to_string(
        "speakers/speaker_letter.html",
        {
            "letter": letter,
            "speaker_request": letter.request,
            "school": letter.request.school,
            "dated": sent_at or timezone.now(),
            "draft": sent_at is None,
        },
    )


def letter_pdf(letter):
    """The PDF of the letter: as it was sent once sent (from the stored HTML), else the draft."""
    sent = getattr(letter, "sent", None) if letter.state == Letter.State.SENT else None
    html = sent.html if sent is not None else letter_html(letter)
    return html_to_pdf(html, css=LETTER_CSS.read_text() + LETTERHEAD_CSS.read_text())
