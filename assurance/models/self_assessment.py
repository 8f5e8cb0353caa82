"""The school's Prevent duty self-assessment, in the structure of the DfE's tool for schools.

The statements are data (``assurance.statements``): an assessment names the edition it follows,
so a new edition of the tool is a new data file, and last year's assessment keeps its own.
Each rating is kept: rating a statement again adds a rating, and the latest one counts.
"""

from django.conf import settings
from django.db import models

from core.concurrency import Versioned
from core.plain_text import ACCOUNT, NOTE

from .base import AppendOnly

__all__ = ["SelfAssessment", "StatementRating", "RAGNote"]


class RAGNote(models.TextChoices):
    """The tool's three columns: gaps (red), evidence incomplete (amber), business as usual (green)."""

    RED = "red", "Red: gaps or shortcomings"
    AMBER = "amber", "Amber: evidence incomplete or not robust"
    GREEN = "green", "Green: business as usual"


class SelfAssessment(Versioned):
    school = models.ForeignKey("accounts.School", on_delete=models.PROTECT, related_name="self_assessments")
    academic_year = models.CharField(max_length=7, help_text="For example 2026/27.")
    edition = models.CharField(max_length=100, help_text="The key of the edition of the tool it follows.")
    summary = models.TextField(
        blank=True,
        help_text="The tool's last stage: what the school has found, its strengths and priorities.",
        max_length=ACCOUNT,
    )
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-academic_year"]
        constraints = [
            models.UniqueConstraint(fields=["school", "academic_year"], name="one_self_assessment_per_school_year"),
        ]

    def __str__(self):
        return f"Prevent duty self-assessment {self.academic_year}"


class StatementRating(AppendOnly):
    school = models.ForeignKey("accounts.School", on_delete=models.PROTECT, related_name="+")
    assessment = models.ForeignKey(SelfAssessment, on_delete=models.PROTECT, related_name="ratings")
    section = models.CharField(max_length=100)
    statement = models.CharField(max_length=100)
    level = models.PositiveSmallIntegerField()
    evidence = models.TextField(
        help_text="What shows it: documents, records, what staff and pupils say.", max_length=ACCOUNT
    )
    rag = models.CharField("RAG", max_length=5, choices=RAGNote)
    note = models.TextField("RAG note", blank=True, max_length=NOTE)
    rated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    rated_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["rated_at", "pk"]
        indexes = [models.Index(fields=["assessment", "statement"])]

    def __str__(self):
        return f"{self.statement}: level {self.level}"
