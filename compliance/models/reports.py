"""Report snapshots and the governors' challenge log.

A snapshot is a compliance report frozen for a governors' meeting: the PDF as it was printed,
its SHA-256 and the figures it showed (so the dashboard can say what changed since). Neither
the file nor the figures change afterwards. Governors record their questions against a
snapshot, and the answers given; an entry is never deleted.
"""

from django.conf import settings
from django.db import models

from core.plain_text import ACCOUNT, NOTE
from core.uploads import upload_path

__all__ = ["ReportSnapshot", "ChallengeEntry", "SchoolHeadline"]


_snapshot_path = upload_path("report-snapshots")


def snapshot_upload_to(instance, filename):
    """Where frozen reports go; a module-level function so that migrations can name it."""
    return _snapshot_path(instance, filename)


class ReportSnapshot(models.Model):
    school = models.ForeignKey("accounts.School", on_delete=models.PROTECT, related_name="report_snapshots")
    # The period's key (e.g. "2026/27" or "2026/27-autumn") and its words ("Autumn term 2026/27").
    period_key = models.CharField(max_length=20)
    period_label = models.CharField(max_length=60)
    title = models.CharField(max_length=200, help_text="For example: Full governing body, 3 December 2026.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    file = models.FileField(upload_to=snapshot_upload_to)
    filename = models.CharField(max_length=200)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    # The headline figures as shown: {key: {"label": ..., "value": ...}}.
    figures = models.JSONField(default=dict)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["school", "-created_at"])]

    def __str__(self):
        return f"{self.title} ({self.period_label})"


class ChallengeEntry(models.Model):
    """A governor's question about a frozen report, and the answer recorded against it."""

    snapshot = models.ForeignKey(ReportSnapshot, on_delete=models.PROTECT, related_name="challenges")
    school_path = "snapshot__school"
    question = models.TextField(max_length=NOTE)
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    asked_at = models.DateTimeField(auto_now_add=True)
    answer = models.TextField(blank=True, max_length=ACCOUNT)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["asked_at", "pk"]
        verbose_name_plural = "challenge entries"

    def __str__(self):
        return self.question[:80]

    @property
    def is_answered(self):
        return bool(self.answer)


class SchoolHeadline(models.Model):
    """The few figures the trust overview shows for a school and a period, kept so that the
    overview reads every school's in one query instead of computing each school's report.

    Written only by ``compliance.reports.headlines`` from ``SchoolReport.headline``, so they equal the
    dashboard's by construction; ``computed_at`` says how old they are, ``stale_since`` whether a
    change is waiting to be counted. Counts and dates only.
    """

    school = models.ForeignKey("accounts.School", on_delete=models.CASCADE, related_name="headlines")
    period_key = models.CharField(max_length=20)
    period_label = models.CharField(max_length=60)
    computed_at = models.DateTimeField()
    # Set when something that feeds the figures changed after they were computed (the first such
    # change); cleared when they are recomputed (compliance.reports.headlines).
    stale_since = models.DateTimeField(null=True, blank=True)
    # SchoolReport.headline: {"actions": n, "green": n, ..., "confirmations": n or None, ...}.
    figures = models.JSONField(default=dict)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["school", "period_key"], name="one_headline_per_period")]

    def __str__(self):
        return f"{self.school_id} {self.period_label} at {self.computed_at:%Y-%m-%d %H:%M}"
