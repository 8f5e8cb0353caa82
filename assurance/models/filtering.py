"""Filtering and monitoring, after the DfE's filtering and monitoring standards (2023, updated 2024).

Per academic year: who is responsible (a named senior leader and governor) and the providers;
the yearly review (what was checked, by whom, what was found, what is blocked and why); and the
check log (test searches of each category, who did it, the result). Reviews and checks are kept
as written.
"""

from django.conf import settings
from django.db import models

from core.concurrency import Versioned
from core.dates import happened
from core.plain_text import ACCOUNT, NOTE

from .base import AppendOnly

__all__ = ["FilteringRecord", "FilteringReview", "FilteringCheck"]


class FilteringRecord(Versioned):
    school = models.ForeignKey("accounts.School", on_delete=models.PROTECT, related_name="filtering_records")
    academic_year = models.CharField(max_length=7, help_text="For example 2026/27.")
    senior_leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="senior leader responsible",
    )
    governor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="governor responsible",
    )
    filtering_provider = models.CharField(max_length=200, blank=True)
    monitoring_provider = models.CharField(max_length=200, blank=True)
    monitoring_approach = models.CharField(
        max_length=300,
        blank=True,
        help_text="For example: physical monitoring in lessons, web logs reviewed weekly, alerts to the DSL.",
    )
    notes = models.TextField(blank=True, max_length=NOTE)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-academic_year"]
        constraints = [
            models.UniqueConstraint(fields=["school", "academic_year"], name="one_filtering_record_per_school_year"),
        ]

    def __str__(self):
        return f"Filtering and monitoring {self.academic_year}"


class FilteringReview(AppendOnly):
    """The yearly review of filtering and monitoring (or one after a change or an incident)."""

    school = models.ForeignKey("accounts.School", on_delete=models.PROTECT, related_name="+")
    record = models.ForeignKey(FilteringRecord, on_delete=models.PROTECT, related_name="reviews")
    reviewed_on = models.DateField(validators=[happened])
    participants = models.CharField(
        "who took part",
        max_length=300,
        help_text="For example: the senior leader, the DSL, the IT service provider and the governor.",
    )
    checked = models.TextField("what was checked", max_length=ACCOUNT)
    findings = models.TextField(max_length=ACCOUNT)
    blocking_decisions = models.TextField(
        "decisions on what is blocked and why",
        help_text="What is blocked, what is allowed for teaching and who may change it, with the reasons.",
        max_length=ACCOUNT,
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-reviewed_on", "-pk"]
        verbose_name = "filtering and monitoring review"

    def __str__(self):
        return f"Filtering and monitoring review of {self.reviewed_on:%d %B %Y}"


class FilteringCheck(AppendOnly):
    """One check that filtering works: e.g. test searches of a category on a pupil's device."""

    class Category(models.TextChoices):
        # The UK Safer Internet Centre's categories of inappropriate content, and the two lists
        # a filter must apply (IWF and the police's unlawful terrorist content list).
        CHILD_ABUSE = "child_abuse", "Child sexual abuse content (IWF list)"
        TERRORISM = "terrorism", "Unlawful terrorist content (police list)"
        EXTREMISM = "extremism", "Extremism"
        DISCRIMINATION = "discrimination", "Discrimination"
        DRUGS = "drugs", "Drugs and substance abuse"
        GAMBLING = "gambling", "Gambling"
        MALWARE = "malware", "Malware and hacking"
        PORNOGRAPHY = "pornography", "Pornography"
        PIRACY = "piracy", "Piracy and copyright theft"
        SELF_HARM = "self_harm", "Self-harm and suicide"
        VIOLENCE = "violence", "Violence"
        MONITORING = "monitoring", "Monitoring alert reached the DSL"

    class Result(models.TextChoices):
        BLOCKED = "blocked", "Worked as expected"
        NOT_BLOCKED = "not_blocked", "Not blocked or not alerted: a gap"
        OVER_BLOCKED = "over_blocked", "Blocked too much: it gets in the way of teaching"

    school = models.ForeignKey("accounts.School", on_delete=models.PROTECT, related_name="+")
    record = models.ForeignKey(FilteringRecord, on_delete=models.PROTECT, related_name="checks")
    checked_on = models.DateField(validators=[happened])
    category = models.CharField(max_length=20, choices=Category)
    method = models.CharField(
        "how it was tested",
        max_length=300,
        help_text="For example: test searches on a Year 8 pupil's account; the SWGfL test site.",
    )
    result = models.CharField(max_length=20, choices=Result)
    notes = models.TextField(blank=True, max_length=NOTE)
    done_by = models.CharField("who did the check", max_length=200)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-checked_on", "-pk"]
        verbose_name = "filtering check"

    def __str__(self):
        return f"{self.get_category_display()} on {self.checked_on:%d %B %Y}: {self.get_result_display()}"

    @property
    def is_gap(self):
        return self.result != self.Result.BLOCKED
