"""The Prevent risk assessment, after the DfE's risk assessment template for schools (September 2023).

One assessment per school and academic year: its header (completed by, date implemented), the
national and local picture in the school's words, then risks grouped under headings, each with
its hazard, likelihood and impact, the control measures in place, further action, who leads and
by when. Reviews, the head's sign-off and the governors' noting are kept as records of their
own, never edits of the assessment.
"""

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models

from core.concurrency import Versioned
from core.dates import happened, planned
from core.plain_text import ACCOUNT, NOTE

from .base import AppendOnly

__all__ = ["RiskAssessment", "Risk", "RiskHistory", "RiskReview", "RiskSignOff", "GovernorNote", "Heading"]


class Heading(models.TextChoices):
    """The headings the risks are grouped under: those of the Prevent duty guidance (2023) for sectors."""

    LEADERSHIP = "leadership", "Leadership"
    PARTNERSHIP = "partnership", "Working in partnership"
    UNDERSTANDING_RISK = "understanding_risk", "Capabilities: understanding risk"
    MANAGING_RISK = "managing_risk", "Capabilities: managing risk"
    SHARING_INFORMATION = "sharing_information", "Capabilities: sharing information"
    PERMISSIVE_ENVIRONMENTS = "permissive_environments", "Reducing permissive environments"
    ONLINE = "online", "Online safety, filtering and monitoring"
    OTHER = "other", "Other risks for this school"


class RiskAssessment(Versioned):
    school = models.ForeignKey("accounts.School", on_delete=models.PROTECT, related_name="risk_assessments")
    academic_year = models.CharField(max_length=7, help_text="For example 2026/27.")
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    implemented_on = models.DateField("date implemented", null=True, blank=True, validators=[happened])
    national_context = models.TextField(
        "national risks",
        blank=True,
        help_text="The national picture: the threat level and the ideologies and trends that affect children.",
        max_length=ACCOUNT,
    )
    local_context = models.TextField(
        "local risks",
        blank=True,
        help_text="The local picture, as the school records it from the local authority's counter-terrorism local "
        "profile (CTLP) briefing and the local Prevent coordinator.",
        max_length=ACCOUNT,
    )
    local_profile_briefing_on = models.DateField(
        "date of the local profile briefing", null=True, blank=True, validators=[happened]
    )
    local_profile_source = models.CharField(
        "briefing given by",
        max_length=200,
        blank=True,
        help_text="For example: Peterborough City Council Prevent coordinator.",
    )
    # Last year's assessment this one was carried over from; that one is then closed.
    previous = models.OneToOneField("self", on_delete=models.PROTECT, null=True, blank=True, related_name="successor")
    closed_at = models.DateTimeField(null=True, blank=True, editable=False)
    # When the content (header or any risk) last changed: a sign-off older than this is out of date.
    changed_at = models.DateTimeField(editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-academic_year"]
        constraints = [
            models.UniqueConstraint(fields=["school", "academic_year"], name="one_risk_assessment_per_school_year"),
        ]

    def __str__(self):
        return f"Prevent risk assessment {self.academic_year}"

    @property
    def is_read_only(self):
        return self.closed_at is not None


class Risk(Versioned):
    class Likelihood(models.IntegerChoices):
        UNLIKELY = 1, "Unlikely"
        POSSIBLE = 2, "Possible"
        LIKELY = 3, "Likely"

    class Impact(models.IntegerChoices):
        MINOR = 1, "Minor"
        MODERATE = 2, "Moderate"
        SERIOUS = 3, "Serious"

    class Status(models.TextChoices):
        OPEN = "open", "Open: further action needed"
        IN_HAND = "in_hand", "Further action under way"
        MANAGED = "managed", "Managed by the controls in place"
        CLOSED = "closed", "Closed: no longer applies"

    school = models.ForeignKey("accounts.School", on_delete=models.PROTECT, related_name="+")
    assessment = models.ForeignKey(RiskAssessment, on_delete=models.PROTECT, related_name="risks")
    heading = models.CharField(max_length=30, choices=Heading, default=Heading.OTHER)
    position = models.PositiveSmallIntegerField(default=0)
    risk = models.TextField(
        help_text="What could happen: the risk to pupils of being drawn into terrorism.", max_length=NOTE
    )
    hazard = models.TextField(
        help_text="Where the risk comes from: the hazard or vulnerability behind it.", max_length=NOTE
    )
    likelihood = models.PositiveSmallIntegerField(choices=Likelihood)
    impact = models.PositiveSmallIntegerField(choices=Impact)
    controls = models.TextField(
        "existing control measures",
        help_text="How the risk is managed now (the template's “risk management”).",
        max_length=ACCOUNT,
    )
    further_action = models.TextField("further action needed", blank=True, max_length=NOTE)
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="lead officer",
    )
    due_on = models.DateField("date for completion", null=True, blank=True, validators=[planned])
    status = models.CharField(max_length=10, choices=Status, default=Status.OPEN)
    nonce = models.CharField(max_length=64, unique=True, editable=False)  # the form that added it, once
    # The same risk in last year's assessment.
    carried_from = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="carried_to"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(likelihood__gte=1, likelihood__lte=3), name="risk_likelihood_1_3"
            ),
            models.CheckConstraint(condition=models.Q(impact__gte=1, impact__lte=3), name="risk_impact_1_3"),
        ]

    def __str__(self):
        return self.risk[:80]

    @property
    def score(self):
        return self.likelihood * self.impact

    @property
    def rating(self):
        """ "high", "medium" or "low": likelihood times impact (6 or more is high, 3 or 4 medium)."""
        return "high" if self.score >= 6 else "medium" if self.score >= 3 else "low"

    @property
    def rating_label(self):
        return self.rating.capitalize()


class RiskHistory(models.Model):
    """One change to a risk: who, when and what changed ({field: [old, new]})."""

    append_only = True  # the database refuses UPDATE and DELETE (core.append_only)

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="history")
    school_path = "risk__school"
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    summary = models.CharField(max_length=200)
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name_plural = "risk history"

    def __str__(self):
        return self.summary

    def readable_changes(self):
        """(label, old, new) for each change, with field names and choices as people read them."""
        rows = []
        for name, (old, new) in self.changes.items():
            try:
                field = Risk._meta.get_field(name)
            except FieldDoesNotExist:
                rows.append((name.replace("_", " ").capitalize(), old, new))
                continue
            labels = {str(value): label for value, label in field.choices or ()}
            rows.append((str(field.verbose_name).capitalize(), labels.get(str(old), old), labels.get(str(new), new)))
        return rows


class RiskReview(AppendOnly):
    """A review of the whole assessment: at least yearly, and after a serious incident."""

    class Reason(models.TextChoices):
        ANNUAL = "annual", "Annual review"
        INCIDENT = "incident", "After an incident"
        LOCAL_PICTURE = "local_picture", "The local picture changed (new local profile briefing)"
        GUIDANCE = "guidance", "New guidance or legislation"
        OTHER = "other", "Other"

    school = models.ForeignKey("accounts.School", on_delete=models.PROTECT, related_name="+")
    assessment = models.ForeignKey(RiskAssessment, on_delete=models.PROTECT, related_name="reviews")
    reviewed_on = models.DateField(validators=[happened])
    reason = models.CharField(max_length=20, choices=Reason)
    notes = models.TextField("what was reviewed and what changed", max_length=ACCOUNT)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-reviewed_on", "-pk"]
        verbose_name = "risk assessment review"

    def __str__(self):
        return f"{self.get_reason_display()} on {self.reviewed_on:%d %B %Y}"


class RiskSignOff(AppendOnly):
    """The headteacher signs the assessment off as it stands; a later change needs a new sign-off."""

    school = models.ForeignKey("accounts.School", on_delete=models.PROTECT, related_name="+")
    assessment = models.ForeignKey(RiskAssessment, on_delete=models.PROTECT, related_name="sign_offs")
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    signed_at = models.DateTimeField(auto_now_add=True)
    # The assessment's ``changed_at`` when it was signed: what the head saw.
    content_as_of = models.DateTimeField()
    comment = models.TextField(blank=True, max_length=NOTE)

    class Meta:
        ordering = ["-signed_at", "-pk"]
        verbose_name = "risk assessment sign-off"

    def __str__(self):
        return f"Signed off by {self.signed_by} on {self.signed_at:%d %B %Y}"


class GovernorNote(AppendOnly):
    """A governor records that the governing body has noted the assessment (e.g. at a meeting)."""

    school = models.ForeignKey("accounts.School", on_delete=models.PROTECT, related_name="+")
    assessment = models.ForeignKey(RiskAssessment, on_delete=models.PROTECT, related_name="governor_notes")
    noted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    noted_at = models.DateTimeField(auto_now_add=True)
    meeting_on = models.DateField("date of the meeting", null=True, blank=True, validators=[happened])
    content_as_of = models.DateTimeField()
    comment = models.TextField(blank=True, max_length=NOTE)

    class Meta:
        ordering = ["-noted_at", "-pk"]
        verbose_name = "governors' note of the risk assessment"

    def __str__(self):
        return f"Noted by governors on {self.noted_at:%d %B %Y}"
