"""The annual report's use cases: start a draft, edit its narrative, the headteacher's sign-off,
the chair of governors' sign-off (which freezes it). Each in one transaction, with its audit event.

Only a draft's narrative may change; the head's sign-off stores the content signed (figures and
narrative) with its SHA-256; the chair signs that same content, and the PDF is rendered once from
it and stored with its own SHA-256 (compliance.reports.snapshots does the same for frozen reports).
"""

import hashlib

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from accounts.audit import AuditAction, record_event
from core.concurrency import refused_on_clash, save_versioned
from core.uploads import stored_file_intact

from ..models import AnnualReport, AnnualReportSignOff
from .annual_report import (
    NARRATIVE_FIELDS,
    annual_report_content,
    annual_report_filename,
    content_sha256,
    render_annual_report_pdf,
)

NOT_DRAFT = "This report has been signed off, so it can no longer be changed."


def annual_report_start(*, school, academic_year, by):
    """A new draft report for ``academic_year`` (one per school and year)."""
    with transaction.atomic():
        report = AnnualReport(school=school, academic_year=academic_year, created_by=by)
        report.full_clean()
        with refused_on_clash({"academic_year": f"There is already a report for {academic_year}."}):
            report.save()
        record_event(
            action=AuditAction.CREATE,
            by=by,
            school=school,
            obj=report,
            changes={"academic_year": academic_year},
        )
    return report


def _locked(report):
    return AnnualReport.objects.select_for_update().select_related("school").get(pk=report.pk)


def annual_report_edit(*, report, narrative, expected_version, by):
    """Save the Lead's narrative sections of a draft; a second editor gets ``StaleEdit``."""
    with transaction.atomic():
        current = _locked(report)
        if not current.is_draft:
            raise ValidationError(NOT_DRAFT)
        changed = [name for name in NARRATIVE_FIELDS if narrative.get(name, "") != getattr(current, name)]
        for name in NARRATIVE_FIELDS:
            setattr(report, name, narrative.get(name, ""))
        report.full_clean()
        save_versioned(report, expected_version, NARRATIVE_FIELDS)
        record_event(
            action=AuditAction.UPDATE,
            by=by,
            school=report.school,
            obj=report,
            changes={"sections": changed, "version": report.version},
        )
    return report


def annual_report_sign_as_head(*, report, by):
    """The headteacher signs off the draft: its content is fixed from now on."""
    with transaction.atomic():
        current = _locked(report)
        if not current.is_draft:
            raise ValidationError("The headteacher has already signed off this report.")
        content = annual_report_content(current)
        sign_off = AnnualReportSignOff(
            report=current,
            stage=AnnualReportSignOff.Stage.HEAD,
            signed_by=by,
            content=content,
            content_sha256=content_sha256(content),
        )
        _sign_off_save(
            current,
            sign_off,
            by=by,
            status=AnnualReport.Status.HEAD_SIGNED,
            already="The headteacher has already signed off this report.",
            changes={"signed_off_by": "headteacher", "content_sha256": sign_off.content_sha256},
        )
    return sign_off


def annual_report_sign_as_chair(*, report, by):
    """The chair of governors signs the content the head signed: the PDF is rendered and frozen."""
    with transaction.atomic():
        current = _locked(report)
        if current.status != AnnualReport.Status.HEAD_SIGNED:
            raise ValidationError(
                "The chair signs after the headteacher."
                if current.is_draft
                else "The chair of governors has already signed off this report."
            )
        head = current.sign_offs.select_related("signed_by").get(stage=AnnualReportSignOff.Stage.HEAD)
        sign_off = AnnualReportSignOff(
            report=current,
            stage=AnnualReportSignOff.Stage.CHAIR,
            signed_by=by,
            content=head.content,
            content_sha256=head.content_sha256,
        )
        signed = [
            ("Headteacher", head.signed_by.full_name, head.signed_at),
            ("Chair of governors", by.full_name, timezone.now()),
        ]
        pdf = render_annual_report_pdf(head.content, signed)
        sign_off.filename = annual_report_filename(current)
        sign_off.sha256 = hashlib.sha256(pdf).hexdigest()
        sign_off.size = len(pdf)
        sign_off.file.save(sign_off.filename, ContentFile(pdf), save=False)
        _sign_off_save(
            current,
            sign_off,
            by=by,
            status=AnnualReport.Status.FROZEN,
            already="The chair of governors has already signed off this report.",
            changes={"signed_off_by": "chair of governors", "sha256": sign_off.sha256},
        )
    return sign_off


def _sign_off_save(report, sign_off, *, by, status, already, changes):
    """Save ``sign_off`` (``already`` if another signed at the same moment), move ``report`` (locked)
    on to ``status``, audited."""
    with refused_on_clash(already):
        sign_off.save()
    report.status = status
    report.save(update_fields=["status", "updated_at"])
    record_event(action=AuditAction.UPDATE, by=by, school=report.school, obj=report, changes=changes)


def annual_report_intact(sign_off):
    """True if the frozen PDF still has the SHA-256 recorded when the chair signed."""
    return stored_file_intact(sign_off.file, sign_off.sha256)
