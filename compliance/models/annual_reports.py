"""The annual Prevent and safeguarding report to governors, and its two sign-offs.

The Prevent Lead writes the narrative while the report is a draft; the figures come from the
school's records for the academic year. The headteacher signs it off, which fixes its content
(figures and narrative, with the SHA-256 of that content); the chair of governors then signs
the same content, and the PDF is rendered once, stored with its SHA-256 and never changed.
Sign-offs are append-only: the database refuses to change or delete one.
"""

from django.conf import settings
from django.db import models

from core.concurrency import Versioned
from core.plain_text import ACCOUNT
from core.uploads import upload_path

__all__ = ["AnnualReport", "AnnualReportSignOff"]

_annual_report_path = upload_path("annual-reports")


def annual_report_upload_to(instance, filename):
    """Where signed annual reports go; a module-level function so that migrations can name it."""
    return _annual_report_path(instance, filename)


class AnnualReport(Versioned):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        HEAD_SIGNED = "head_signed", "Signed by the headteacher, awaiting the chair of governors"
        FROZEN = "frozen", "Signed by the chair of governors and frozen"

    school = models.ForeignKey("accounts.School", on_delete=models.PROTECT, related_name="annual_reports")
    academic_year = models.CharField(max_length=7, help_text="For example 2026/27.")
    status = models.CharField(max_length=12, choices=Status, default=Status.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The Prevent Lead's narrative sections (compliance.reports.annual_report.NARRATIVE gives their headings).
    introduction = models.TextField("introduction", blank=True, max_length=ACCOUNT)
    leadership = models.TextField("leadership and partnership", blank=True, max_length=ACCOUNT)
    risk = models.TextField("understanding and managing risk", blank=True, max_length=ACCOUNT)
    training = models.TextField("training and staff awareness", blank=True, max_length=ACCOUNT)
    online_safety = models.TextField("online safety, filtering and monitoring", blank=True, max_length=ACCOUNT)
    resilience = models.TextField("building pupils' resilience", blank=True, max_length=ACCOUNT)
    priorities = models.TextField("priorities for next year", blank=True, max_length=ACCOUNT)

    class Meta:
        ordering = ["school", "-academic_year"]
        constraints = [
            models.UniqueConstraint(fields=["school", "academic_year"], name="one_annual_report_per_year"),
        ]

    def __str__(self):
        return f"Annual Prevent and safeguarding report {self.academic_year}"

    @property
    def is_draft(self):
        return self.status == self.Status.DRAFT

    @property
    def is_frozen(self):
        return self.status == self.Status.FROZEN


class AnnualReportSignOff(models.Model):
    """One sign-off of an annual report: the headteacher's (with the content signed) or the chair's
    (with the frozen PDF). Append-only evidence."""

    class Stage(models.TextChoices):
        HEAD = "head", "Headteacher"
        CHAIR = "chair", "Chair of governors"

    # The database refuses UPDATE and DELETE too (core.append_only).
    append_only = True

    report = models.ForeignKey(AnnualReport, on_delete=models.PROTECT, related_name="sign_offs")
    school_path = "report__school"
    stage = models.CharField(max_length=5, choices=Stage)
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    signed_at = models.DateTimeField(auto_now_add=True)
    # The content signed (figures and narrative, as compliance.reports.annual_report builds it) and its SHA-256.
    content = models.JSONField(default=dict)
    content_sha256 = models.CharField(max_length=64)
    # The chair's sign-off freezes the report: the PDF as rendered, its SHA-256 and size.
    file = models.FileField(upload_to=annual_report_upload_to, blank=True)
    filename = models.CharField(max_length=200, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    size = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["signed_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["report", "stage"], name="one_sign_off_per_stage")]

    def __str__(self):
        return f"{self.get_stage_display()} sign-off of {self.report}"
