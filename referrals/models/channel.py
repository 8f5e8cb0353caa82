"""What a real Prevent record holds beyond the school's own decisions: the type of concern, the
police Prevent triage, consent for Channel support, leaving Channel and the reviews after it.

Triage, consent and the exit are evidence (append-only: a correction is a new record, the latest
counts). A review is scheduled when the exit is recorded and its outcome is written once.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from core.dates import happened
from core.plain_text import ACCOUNT

from .cases import AppendOnly, Case


class ConcernCategory(models.Model):
    """A type of concern as the Home Office's Prevent statistics classify referrals.

    Editable data (the list changes with the statistics releases): seeded from
    ``referrals.categories``; a category no longer offered keeps the cases recorded under it.
    """

    code = models.SlugField(max_length=50, unique=True)
    label = models.CharField(max_length=200)
    description = models.CharField(max_length=300, blank=True)
    order = models.PositiveIntegerField(default=0)
    in_use = models.BooleanField(default=True, help_text="Untick to stop offering it for new concerns.")

    class Meta:
        ordering = ["order", "label"]
        verbose_name_plural = "concern categories"

    def __str__(self):
        return self.label


class PoliceTriage(AppendOnly):
    """What the police Prevent team decided after triaging the referral (Prevent Assessment Framework)."""

    class Outcome(models.TextChoices):
        ADOPTED_CHANNEL = "channel", "Adopted for Channel consideration"
        OTHER_SUPPORT = "other_support", "Signposted or referred to other support (e.g. children's social care)"
        NOT_PROGRESSED = "not_progressed", "Not progressed: no further Prevent action"
        POLICE_LED = "police_led", "Managed by the police (counter-terrorism case)"
        OTHER = "other", "Other (say what in the note)"

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="triages")
    school_path = "case__school"
    outcome = models.CharField("triage outcome", max_length=20, choices=Outcome.choices)
    triaged_on = models.DateField("date of the outcome", default=timezone.localdate, validators=[happened])
    police_reference = models.CharField("police reference", max_length=100, blank=True)
    note = models.TextField(blank=True, max_length=ACCOUNT, help_text="What the police said, briefly.")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["triaged_on", "pk"]
        verbose_name = "police Prevent triage"

    def __str__(self):
        return f"{self.get_outcome_display()} ({self.triaged_on:%d %b %Y})"

    def clean(self):
        if self.outcome == self.Outcome.OTHER and not self.note.strip():
            raise ValidationError({"note": "Say what the police decided."})


class ChannelConsent(AppendOnly):
    """Consent for Channel support: who gave it and when, or why it was refused or not sought.

    Channel support is voluntary; for a child a parent or carer consents. The latest record counts.
    """

    class Status(models.TextChoices):
        GIVEN = "given", "Consent given"
        REFUSED = "refused", "Consent refused"
        WITHDRAWN = "withdrawn", "Consent withdrawn"
        NOT_SOUGHT = "not_sought", "Consent not sought"

    class GivenBy(models.TextChoices):
        PERSON = "person", "The pupil"
        PARENT_CARER = "parent_carer", "Parent or carer"

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="consents")
    school_path = "case__school"
    status = models.CharField("consent", max_length=20, choices=Status.choices)
    given_by = models.CharField("given, refused or withdrawn by", max_length=20, choices=GivenBy.choices, blank=True)
    on = models.DateField("date", default=timezone.localdate, validators=[happened])
    reason = models.TextField(
        blank=True,
        max_length=ACCOUNT,
        help_text="Why consent was refused, withdrawn or not sought (e.g. the panel did not adopt the case).",
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["on", "pk"]
        verbose_name = "Channel consent"

    def __str__(self):
        return f"{self.get_status_display()} ({self.on:%d %b %Y})"

    def clean(self):
        errors = {}
        if self.status != self.Status.NOT_SOUGHT and not self.given_by:
            errors["given_by"] = "Say who gave, refused or withdrew consent: the pupil, or a parent or carer."
        if self.status == self.Status.NOT_SOUGHT and self.given_by:
            errors["given_by"] = "Consent was not sought: leave 'given by' empty."
        if self.status != self.Status.GIVEN and not self.reason.strip():
            errors["reason"] = "Say why consent was refused, withdrawn or not sought."
        if errors:
            raise ValidationError(errors)


class ChannelExit(AppendOnly):
    """The pupil left Channel support: recording it schedules the reviews at 6 and 12 months."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="channel_exits")
    school_path = "case__school"
    left_on = models.DateField("date the pupil left Channel", validators=[happened])
    note = models.TextField(blank=True, max_length=ACCOUNT, help_text="How support ended, briefly.")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["left_on", "pk"]
        verbose_name = "Channel exit"
        constraints = [models.UniqueConstraint(fields=["case"], name="referral_one_channel_exit_per_case")]

    def __str__(self):
        return f"Left Channel {self.left_on:%d %b %Y}"


REVIEW_MONTHS = (6, 12)


class ChannelReview(models.Model):
    """A review 6 or 12 months after the pupil left Channel: scheduled, then its outcome written once.

    The database refuses every other change (core.append_only): the outcome columns go from
    empty to set once, together (referrals.services.channel_review_record).
    """

    append_only = True
    append_only_set_once = ["reviewed_on", "outcome", "note", "reviewed_by", "reviewed_at"]

    class Outcome(models.TextChoices):
        NO_CONCERNS = "no_concerns", "No further concerns"
        CONCERNS = "concerns", "Concerns remain: a new concern is raised"
        NOT_POSSIBLE = "not_possible", "Could not be reviewed (e.g. the pupil has left the school)"

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="channel_reviews")
    school_path = "case__school"
    exit = models.ForeignKey(ChannelExit, on_delete=models.PROTECT, related_name="reviews")
    months = models.PositiveSmallIntegerField()
    due_on = models.DateField()
    reviewed_on = models.DateField(null=True, blank=True, validators=[happened])
    outcome = models.CharField(max_length=20, choices=Outcome.choices, null=True, blank=True)
    note = models.TextField(null=True, blank=True, max_length=ACCOUNT)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = "Channel review"
        constraints = [
            models.UniqueConstraint(fields=["exit", "months"], name="referral_one_review_per_exit_and_months"),
        ]

    def __str__(self):
        return f"{self.months}-month review"

    @property
    def is_done(self):
        return self.reviewed_on is not None

    @property
    def is_overdue(self):
        return not self.is_done and self.due_on < timezone.localdate()
