"""Freezing a report for a governors' meeting, and the challenge log kept against it.

A snapshot's PDF, hash and figures are written once and never changed; a challenge entry is
a question, and later its answer, never edited or removed once given.
"""

import hashlib

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from accounts.audit import AuditAction, record_event
from core.uploads import stored_file_intact

from ..models import ChallengeEntry, ReportSnapshot
from ..notices import question_asked_notify
from .report_data import school_report
from .report_render import render_report_pdf


def report_filename(name, day, extension="pdf", what="prevent-compliance-report"):
    """E.g. ``ken-stimpson-community-school-prevent-compliance-report-2026-11-28.pdf``; a long name is
    cut to its first 80 characters, so that the file name fits wherever it is kept."""
    return f"{slugify(name)[:80].rstrip('-')}-{what}-{day:%Y-%m-%d}.{extension}"


def snapshot_freeze(*, school, period, title, by):
    """Render the report for ``period`` now, store the PDF with its SHA-256 and figures, and audit it."""
    report = school_report(school, period)
    pdf = render_report_pdf(report)
    filename = report_filename(school.name, timezone.localdate())
    with transaction.atomic():
        snapshot = ReportSnapshot(
            school=school,
            period_key=period.key,
            period_label=period.label,
            title=title,
            created_by=by,
            filename=filename,
            sha256=hashlib.sha256(pdf).hexdigest(),
            size=len(pdf),
            figures=report.figures_dict(),
        )
        snapshot.file.save(filename, ContentFile(pdf), save=False)
        snapshot.full_clean()
        snapshot.save()
        record_event(
            action=AuditAction.CREATE,
            by=by,
            school=school,
            obj=snapshot,
            changes={"title": title, "period": period.key, "sha256": snapshot.sha256},
        )
    return snapshot


def snapshot_intact(snapshot):
    """True if the stored file still has the hash recorded when it was frozen."""
    return stored_file_intact(snapshot.file, snapshot.sha256)


def challenge_ask(*, snapshot, question, by):
    """Record a governor's question against a frozen report."""
    with transaction.atomic():
        entry = ChallengeEntry(snapshot=snapshot, question=question, asked_by=by)
        entry.full_clean()
        entry.save()
        record_event(action=AuditAction.CREATE, by=by, school=snapshot.school, obj=entry)
        question_asked_notify(entry)
    return entry


def challenge_answer(*, entry, answer, by):
    """Record the answer to a question; an answer once given is kept as it is."""
    with transaction.atomic():
        entry = ChallengeEntry.objects.select_for_update().get(pk=entry.pk)
        if entry.answer:
            raise ValidationError("This question has already been answered; the answer is kept as given.")
        entry.answer = answer
        entry.answered_by = by
        entry.answered_at = timezone.now()
        entry.full_clean()
        entry.save(update_fields=["answer", "answered_by", "answered_at"])
        record_event(
            action=AuditAction.UPDATE,
            by=by,
            school=entry.snapshot.school,
            obj=entry,
            changes={"answered": True},
        )
    return entry
