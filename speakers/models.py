"""External speakers and lettings: the request, its due-diligence checks, decisions and evaluation.

A decision is evidence: it is never changed. A change of mind is a new decision that names the
one it supersedes, with its reason; both stay visible.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from accounts.concurrency import Versioned
from accounts.dates import planned
from accounts.models import School
from accounts.plain_text import ACCOUNT, LONG, NOTE
from accounts.uploads import upload_path

_outline_path = upload_path("speaker-outlines")


def outline_upload_to(instance, filename):
    """A random name under speaker-outlines/ (a module-level function, so migrations can name it)."""
    return _outline_path(instance, filename)


class CheckTemplate(models.Model):
    """One line of a school's due-diligence checklist."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="speaker_check_templates")
    name = models.CharField(max_length=200)
    guidance = models.TextField(
        blank=True, help_text="What to look at and where, for whoever does the check.", max_length=NOTE
    )
    only_if_concerns = models.BooleanField(
        "only needed where there are concerns",
        default=False,
        help_text="Required only when another check of the same request found concerns.",
    )
    active = models.BooleanField(default=True, help_text="Untick to take the check off new and open requests.")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["school", "name"], name="check_template_unique_name")]

    def __str__(self):
        return self.name


class Status(models.TextChoices):
    DRAFT = "draft", "Draft (no outline yet)"
    AWAITING_CHECKS = "awaiting_checks", "Awaiting checks"
    AWAITING_DECISION = "awaiting_decision", "Awaiting decision"
    APPROVED = "approved", "Approved"
    APPROVED_WITH_CONDITIONS = "approved_conditions", "Approved with conditions"
    DECLINED = "declined", "Declined"
    EVALUATED = "evaluated", "Evaluated"


OPEN_STATUSES = (Status.DRAFT, Status.AWAITING_CHECKS, Status.AWAITING_DECISION)


class SpeakerRequest(Versioned):
    """A request for an external speaker to visit, or for an organisation to use the premises."""

    class Kind(models.TextChoices):
        SPEAKER = "speaker", "Speaker visit"
        LETTING = "letting", "Letting of premises"

    class Risk(models.TextChoices):
        LOW = "low", "Low"
        MEDIUM = "medium", "Medium"
        HIGH = "high", "High"

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="speaker_requests")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.SPEAKER)
    speaker_names = models.CharField("speaker(s)", max_length=300, help_text="Everyone who will speak or lead.")
    organisation = models.CharField(max_length=200, blank=True, help_text="Who they represent, if anyone.")
    contact_name = models.CharField(max_length=150, blank=True)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)
    event_title = models.CharField(max_length=200)
    starts_at = models.DateTimeField("date and time", validators=[planned])
    place = models.CharField(max_length=200, help_text="Room or part of the premises.")
    year_groups = models.CharField(max_length=100, blank=True, help_text="For example: Years 10 and 11.")
    expected_size = models.PositiveIntegerField("expected audience size", null=True, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="speaker_invitations",
        help_text="The member of staff who invited them.",
    )
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    outline = models.TextField(blank=True, help_text="What the speaker intends to cover, and why.", max_length=LONG)
    outline_file = models.FileField(upload_to=outline_upload_to, blank=True)
    biography = models.TextField("short biography", blank=True, max_length=ACCOUNT)
    risk_rating = models.CharField(max_length=10, choices=Risk.choices, blank=True)
    risk_reason = models.TextField(blank=True, max_length=NOTE)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-starts_at", "-pk"]
        indexes = [models.Index(fields=["school", "starts_at"]), models.Index(fields=["school", "status"])]

    def __str__(self):
        return f"{self.event_title} ({self.speaker_names}, {self.starts_at:%d %b %Y})"

    @property
    def has_outline(self):
        return bool(self.outline.strip() or self.outline_file)

    @property
    def is_decided(self):
        return self.status not in OPEN_STATUSES


class DueDiligenceCheck(models.Model):
    """One check of the checklist as done for one request: who, when, what was found, sources."""

    class Result(models.TextChoices):
        NO_CONCERNS = "no_concerns", "No concerns"
        CONCERNS = "concerns", "Concerns"

    request = models.ForeignKey(SpeakerRequest, on_delete=models.CASCADE, related_name="checks")
    template = models.ForeignKey(CheckTemplate, on_delete=models.PROTECT, related_name="+")
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    done_at = models.DateTimeField(default=timezone.now)
    result = models.CharField(max_length=20, choices=Result.choices)
    notes = models.TextField(
        "notes and sources", help_text="What you found and where (links, names, dates).", max_length=ACCOUNT
    )

    class Meta:
        ordering = ["template__position", "template_id"]
        constraints = [models.UniqueConstraint(fields=["request", "template"], name="one_check_per_template")]

    def __str__(self):
        return f"{self.template}: {self.get_result_display()}"


class Condition(models.TextChoices):
    STAFF_PRESENT = "staff_present", "A member of staff present throughout"
    CONTENT_IN_ADVANCE = "content_in_advance", "Content shared in advance"
    NO_RECORDING = "no_recording", "No recording"
    CODE_OF_CONDUCT = "code_of_conduct", "Code of conduct signed"


class Decision(models.Model):
    """A decision on a request, in writing. Never changed: a change is a new decision."""

    # The database refuses UPDATE and DELETE too (accounts.append_only).
    append_only = True

    class Outcome(models.TextChoices):
        APPROVE = "approve", "Approve"
        APPROVE_WITH_CONDITIONS = "approve_conditions", "Approve with conditions"
        DECLINE = "decline", "Decline"

    request = models.ForeignKey(SpeakerRequest, on_delete=models.PROTECT, related_name="decisions")
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    conditions = models.JSONField(default=list, blank=True)
    other_conditions = models.TextField(blank=True, max_length=NOTE)
    justification = models.TextField(help_text="Why: the reasons for this decision, in writing.", max_length=ACCOUNT)
    supersedes = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by"
    )
    reason_for_change = models.TextField(blank=True, max_length=NOTE)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["decided_at", "pk"]
        # One current decision per request: one first decision, and each decision superseded at
        # most once (``supersedes`` is one-to-one), so the decisions form a single chain.
        constraints = [
            models.UniqueConstraint(
                fields=["request"], condition=models.Q(supersedes__isnull=True), name="speaker_decision_one_first"
            )
        ]

    def __str__(self):
        return f"{self.get_outcome_display()} ({self.decided_at:%d %b %Y})"

    def save(self, *args, **kwargs):
        if self.pk is not None or not self._state.adding:
            raise ValidationError("A decision is never changed: record a new decision that supersedes it.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("A decision is never deleted: record a new decision that supersedes it.")

    @property
    def condition_labels(self):
        labels = [Condition(c).label for c in self.conditions if c in Condition.values]
        if self.other_conditions.strip():
            labels.append(self.other_conditions.strip())
        return labels

    @property
    def is_approval(self):
        return self.outcome != self.Outcome.DECLINE


class Evaluation(models.Model):
    """After the event: did it go as agreed, and would we invite them again?"""

    class InviteAgain(models.TextChoices):
        YES = "yes", "Yes"
        WITH_CONDITIONS = "with_conditions", "Yes, with conditions"
        NO = "no", "No"

    request = models.OneToOneField(SpeakerRequest, on_delete=models.CASCADE, related_name="evaluation")
    went_as_agreed = models.BooleanField("the event went as agreed")
    notes = models.TextField(
        help_text="What happened; anything that went differently from what was agreed.", max_length=ACCOUNT
    )
    invite_again = models.CharField(max_length=20, choices=InviteAgain.choices)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"Evaluation of {self.request}"
