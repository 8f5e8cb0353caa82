"""Writes about documents: save and retire, publish a version, confirm, withdraw, remind.

Each runs in a transaction, validates with full_clean() and writes an audit event.
Acknowledgements and withdrawals are only ever added.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.audit import AuditAction, diff, record_event
from accounts.invitations import invitation_links_for_reminders, site_base_url
from core.concurrency import refused_on_clash, save_versioned
from core.emails import MailNotSent, build_templated_email, send_each
from core.uploads import sha256_of

from ..models import Acknowledgement, AcknowledgementReminder, AcknowledgementWithdrawal, Document, DocumentVersion
from ..models.documents import default_confirm_by
from ..selectors.documents import is_withdrawn, live_confirmation, outstanding_by_person

DOCUMENT_FIELDS = [
    "title",
    "slug",
    "kind",
    "description",
    "audience",
    "reading",
    "references_prevent",
    "owner",
    "review_on",
]

ACKNOWLEDGEMENT_KNOWN_FIELDS = ["school", "user", "version", "major_version", "on_behalf_by"]


@transaction.atomic
def document_save(*, school, by, document=None, expected_version=None, **fields):
    """Add a document to the school, or change one (refused with StaleEdit if someone saved
    in between)."""
    adding = document is None
    if adding:
        document = Document(school=school)
    # A ModelForm may already have changed the instance: compare with what is stored.
    before = Document() if adding else Document.objects.get(pk=document.pk)
    for name, value in fields.items():
        setattr(document, name, value)
    document.full_clean()
    if adding:
        with refused_on_clash({"slug": "Another document of this school already uses this short name."}):
            document.save()
        changes = {name: str(getattr(document, name)) for name in DOCUMENT_FIELDS}
    else:
        changes = diff(before, document, DOCUMENT_FIELDS)
        save_versioned(document, expected_version, fields)
    action = AuditAction.CREATE if adding else AuditAction.UPDATE
    record_event(action=action, by=by, school=school, obj=document, changes=changes)
    return document


@transaction.atomic
def document_retire(*, document, by):
    """Take a document out of use: nobody has to read it any more; its record stays."""
    if document.retired_on is None:
        document.retired_on = timezone.localdate()
        Document.objects.filter(pk=document.pk).update(retired_on=document.retired_on)
        record_event(
            action=AuditAction.UPDATE,
            by=by,
            school=document.school,
            obj=document,
            changes={"retired_on": [None, document.retired_on]},
        )
    return document


@transaction.atomic
def version_publish(
    *,
    document,
    by,
    label,
    effective_on,
    file=None,
    url="",
    summary="",
    is_minor=False,
    confirm_by=None,
    reading=None,
):
    """Publish a new version and make it the document's current one.

    A major version makes the document outstanding again for everyone who must read it, from its
    confirm-by date (by default 1 October for an edition in force on 1 September, else 30 days
    after it comes into force); ``reading`` ({role: parts}) is what each role reads of it, by default
    what they read now, and becomes the document's. A minor one amends the current major version,
    whose confirmations, confirm-by date and reading keep counting.
    """
    document = Document.objects.select_for_update(of=("self",)).select_related("current_version").get(pk=document.pk)
    current = document.current_version
    if is_minor and current is None:
        raise ValidationError({"is_minor": "The first version of a document cannot be a minor change."})
    if is_minor:
        confirm_by = current.confirm_by
        reading = current.reading if reading is None else reading
    else:
        confirm_by = confirm_by or default_confirm_by(effective_on)
        reading = document.reading if reading is None else reading
    version = DocumentVersion(
        document=document,
        label=label,
        effective_on=effective_on,
        url=url,
        summary=summary,
        confirm_by=confirm_by,
        reading=reading,
        is_minor=is_minor,
        amends_id=current.major_id if is_minor else None,
        published_by=by,
        published_at=timezone.now(),
    )
    if file:
        version.file = file
        version.sha256 = sha256_of(file)
    version.full_clean()
    version.save()
    document.current_version = version
    document.reading = reading
    Document.objects.filter(pk=document.pk).update(current_version=version, reading=reading)
    record_event(
        action=AuditAction.CREATE,
        by=by,
        school=document.school,
        obj=version,
        changes={
            "label": label,
            "effective_on": effective_on,
            "is_minor": is_minor,
            "summary": summary,
            "confirm_by": confirm_by,
            "reading": reading,
        },
    )
    return version


def acknowledgement_confirm(*, user, version, statement, on_behalf_by=None, note="", document=None, edition=None):
    """Record that ``user`` read ``version`` (the document's current one), with the statement they
    ticked. Returns (acknowledgement, created): a second press of the button, a re-posted form or
    a race between two requests all return the one live confirmation.

    A caller that has already loaded them may pass ``document`` (the version's, with its school)
    and ``edition`` (the person's acknowledgements of this edition, live and withdrawn, as
    ``edition_confirmations`` gives them) to save reading them again; the database's unique
    constraint still guards against a confirmation committed in between.
    """
    if document is None:
        document = version.document
    elif document.pk == version.document_id:
        version.document = document  # str(version), in the audit event, reads it: no query
    else:
        raise ValueError("The version is not one of the document's.")
    if document.current_version_id != version.pk:
        raise ValidationError("A newer version of this document has been published. Open it again to read it.")
    if document.retired_on is not None:
        raise ValidationError("This document has been retired: it no longer needs confirming.")
    if on_behalf_by is not None and not note.strip():
        raise ValidationError({"on_behalf_note": "Say how the person read it, e.g. at a paper briefing."})
    major_id = version.major_id
    if edition is None:
        edition = list(
            Acknowledgement.objects.filter(user=user, major_version_id=major_id).select_related("withdrawal")
        )
    existing = live_confirmation(edition)
    if existing is not None:
        return existing, False
    attempt = sum(1 for a in edition if is_withdrawn(a))
    acknowledgement = Acknowledgement(
        school_id=document.school_id,
        user=user,
        version=version,
        major_version_id=major_id,
        attempt=attempt,
        statement=statement,
        on_behalf_by=on_behalf_by,
        on_behalf_note=note.strip(),
    )
    # The foreign keys come from rows this request loaded: checking that they exist would cost a
    # query each. The unique constraint is left to the database (see IntegrityError below).
    acknowledgement.full_clean(exclude=ACKNOWLEDGEMENT_KNOWN_FIELDS, validate_constraints=False)
    try:
        with transaction.atomic():
            acknowledgement.save(force_insert=True)
            record_event(
                action=AuditAction.CREATE,
                by=on_behalf_by or user,
                school=document.school,
                obj=acknowledgement,
                changes={
                    "user": user.email,
                    "version": str(version),
                    "statement": statement,
                    "on_behalf_note": acknowledgement.on_behalf_note,
                },
            )
    except IntegrityError:
        # The same person confirmed in a request that committed just before this one.
        existing = Acknowledgement.objects.filter(user=user, major_version_id=major_id, withdrawal__isnull=True).first()
        if existing is None:
            raise
        return existing, False
    return acknowledgement, True


@transaction.atomic
def acknowledgement_withdraw(*, acknowledgement, by, reason):
    """Withdraw a confirmation with a reason, by a new record: the person has it to read again."""
    if not reason.strip():
        raise ValidationError({"reason": "Say why the confirmation is withdrawn."})
    already = "This confirmation has already been withdrawn."
    if AcknowledgementWithdrawal.objects.filter(acknowledgement=acknowledgement).exists():
        raise ValidationError(already)
    withdrawal = AcknowledgementWithdrawal(acknowledgement=acknowledgement, by=by, reason=reason.strip())
    withdrawal.full_clean(validate_unique=False)
    with refused_on_clash(already):  # withdrawn in another tab at the same moment
        withdrawal.save()
    record_event(
        action=AuditAction.CREATE,
        by=by,
        school=acknowledgement.school,
        obj=withdrawal,
        changes={
            "acknowledgement": acknowledgement.pk,
            "user": acknowledgement.user.email,
            "reason": withdrawal.reason,
        },
    )
    return withdrawal


def acknowledgement_reminders_send(*, school, by=None, today=None, base_url="", deadline=None, progress=None):
    """Email everyone in the school with documents outstanding, at most once a day each.

    Returns how many were sent. Running it again the same day sends nothing more: each person's
    reminder log row (unique per school, person and day) is committed before any mail goes, and
    removed again if their mail could not be sent. Mail is sent after the commit, never inside
    the transaction (core.emails). Raises MailNotSent if the mail server failed or did not
    answer, or ``deadline`` passed, after sending what it could. ``progress(sent, of)`` is told
    after each batch. Runs in a background task (training/tasks.py).
    """
    today = today or timezone.localdate()
    claimed = []
    with transaction.atomic():
        already = set(
            AcknowledgementReminder.objects.filter(school=school, sent_on=today).values_list("user_id", flat=True)
        )
        for user, tasks in outstanding_by_person(school):
            if user.pk in already or not user.email:
                continue
            titles = [task.document.title for task in tasks]
            try:
                with transaction.atomic():
                    reminder = AcknowledgementReminder.objects.create(
                        school=school, user=user, sent_on=today, sent_by=by, documents=titles
                    )
                    # Someone who has not joined cannot open the documents: the email carries a fresh link.
                    invite = invitation_links_for_reminders(school=school, users=[user], base_url=base_url)
            except IntegrityError:
                continue  # another run reminded this person today
            claimed.append((reminder, user, tasks, invite.get(user.pk)))
    link = site_base_url(base_url) + reverse("training:document-list")
    messages = [
        (
            reminder.pk,
            build_templated_email(
                "training/email/acknowledgement_reminder",
                to=[user.email],
                context={
                    "user": user,
                    "school": school,
                    "tasks": tasks,
                    "url": link,
                    "invite_link": invite_link,
                    "days": settings.INVITATION_DAYS,
                },
            ),
        )
        for reminder, user, tasks, invite_link in claimed
    ]
    sent, unsent, problem = send_each(
        messages, deadline=deadline, progress=progress and (lambda done: progress(done, len(messages)))
    )
    if unsent:
        AcknowledgementReminder.objects.filter(pk__in=unsent).delete()  # the next run tries them again
    if problem:
        raise MailNotSent(sent=len(sent), not_sent=len(unsent), reason=problem)
    return len(sent)
