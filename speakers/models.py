"""External speakers and lettings: the request, its due-diligence checks, decisions and evaluation.

A decision is evidence: it is never changed. A change of mind is a new decision that names the
one it supersedes, with its reason; both stay visible.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from accounts.models import School
from core.concurrency import Versioned
from core.dates import happened, planned
from core.plain_text import ACCOUNT, LONG, NOTE
from core.uploads import upload_path

_outline_path = upload_path("speaker-outlines")


def outline_upload_to(instance, filename):
    """A random name under speaker-outlines/ (a module-level function, so migrations can name it)."""
    return _outline_path(instance, filename)


class Kind(models.TextChoices):
    """What is asked for: each kind has its own form, fields and checks."""

    SPEAKER = "speaker", "In-person speaker"
    VIRTUAL = "virtual", "Online session"
    RECORDED = "recorded", "Recorded material shown in class"
    LETTING = "letting", "Letting of premises"


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
    # The kinds of request the check is for (values of Kind); empty: every kind.
    kinds = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["school", "name"], name="check_template_unique_name")]

    def __str__(self):
        return self.name

    def applies_to(self, kind):
        return not self.kinds or kind in self.kinds

    @property
    def kind_labels(self):
        return [Kind(k).label for k in self.kinds if k in Kind.values] or ["Every kind"]


class Status(models.TextChoices):
    DRAFT = "draft", "Draft (no outline yet)"
    AWAITING_CHECKS = "awaiting_checks", "Awaiting checks"
    AWAITING_DECISION = "awaiting_decision", "Awaiting decision"
    APPROVED = "approved", "Approved"
    APPROVED_WITH_CONDITIONS = "approved_conditions", "Approved with conditions"
    DECLINED = "declined", "Declined"
    EVALUATED = "evaluated", "Evaluated"


OPEN_STATUSES = (Status.DRAFT, Status.AWAITING_CHECKS, Status.AWAITING_DECISION)


MAX_SERIES_DATES = 60


class SpeakerRequest(Versioned):
    """A request for an external speaker (in person, online or recorded), or for an organisation to
    use the premises (a letting, perhaps a weekly series decided once)."""

    Kind = Kind

    class Delivery(models.TextChoices):
        LIVE = "live", "Live"
        RECORDED = "recorded", "Recorded in advance"

    class Repeat(models.TextChoices):
        ONCE = "once", "Once"
        WEEKLY = "weekly", "Every week"
        FORTNIGHTLY = "fortnightly", "Every two weeks"

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
    # Online sessions
    platform = models.CharField(max_length=100, blank=True, help_text="For example: Microsoft Teams or Zoom.")
    delivery = models.CharField("live or recorded", max_length=10, choices=Delivery.choices, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The member of staff who hosts the session and controls the chat.",
    )
    chat_controls = models.TextField(
        "chat and screen controls",
        blank=True,
        max_length=NOTE,
        help_text="Who can chat, share a screen or unmute; whether pupils' names or faces are shown.",
    )
    # Recorded material
    source = models.CharField(
        "source or channel", max_length=300, blank=True, help_text="Where the video comes from: channel and link."
    )
    previewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The member of staff who watched all of it before it is shown.",
    )
    previewed_on = models.DateField(null=True, blank=True, validators=[happened])
    # Lettings
    hire_agreement = models.FileField(upload_to=upload_path("hire-agreements"), blank=True)
    hire_conditions = models.TextField(
        "conditions of hire", blank=True, max_length=ACCOUNT, help_text="The conditions the hirer has agreed to."
    )
    insurer = models.CharField("public liability insurer", max_length=150, blank=True)
    insurance_expires = models.DateField("insurance expires on", null=True, blank=True, validators=[planned])
    insurance_certificate = models.FileField(upload_to=upload_path("insurance-certificates"), blank=True)
    repeat = models.CharField(max_length=12, choices=Repeat.choices, default=Repeat.ONCE)
    series_until = models.DateField("last date of the series", null=True, blank=True, validators=[planned])

    class Meta:
        ordering = ["-starts_at", "-pk"]
        indexes = [models.Index(fields=["school", "starts_at"]), models.Index(fields=["school", "status"])]

    def __str__(self):
        return f"{self.event_title} ({self.speaker_names}, {self.starts_at:%d %b %Y})"

    def clean(self):
        errors = {}
        if self.kind == Kind.LETTING:
            if not self.organisation.strip():
                errors["organisation"] = "Give the hirer: the organisation that hires the premises."
            if not self.contact_name.strip():
                errors["contact_name"] = "Give the hirer's contact: the person responsible for the booking."
            if self.repeat != self.Repeat.ONCE:
                if self.series_until is None:
                    errors["series_until"] = "Give the last date of the series."
                elif self.starts_at and self.series_until < timezone.localtime(self.starts_at).date():
                    errors["series_until"] = "The last date of the series is before its first date."
                elif self.starts_at and len(self.series_dates()) > MAX_SERIES_DATES:
                    errors["series_until"] = (
                        f"A series has at most {MAX_SERIES_DATES} dates: ask for a shorter one and a new series after."
                    )
        if self.kind == Kind.VIRTUAL:
            if not self.platform.strip():
                errors["platform"] = "Give the platform the session runs on."
            if not self.delivery:
                errors["delivery"] = "Say whether the session is live or recorded in advance."
        if self.kind == Kind.RECORDED and not self.source.strip():
            errors["source"] = "Give where the material comes from: its source or channel."
        if errors:
            raise ValidationError(errors)

    def series_dates(self):
        """The date and time of each booking of a letting: one, or every week or two until ``series_until``."""
        if self.kind != Kind.LETTING or self.repeat == self.Repeat.ONCE or self.series_until is None:
            return [self.starts_at]
        step = datetime.timedelta(weeks=1 if self.repeat == self.Repeat.WEEKLY else 2)
        first = timezone.localtime(self.starts_at)
        dates, day = [], first
        while day.date() <= self.series_until and len(dates) <= MAX_SERIES_DATES:
            # The same wall-clock time each week, across a change to or from summer time.
            dates.append(timezone.make_aware(datetime.datetime.combine(day.date(), first.time())))
            day += step
        return dates

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
    school_path = "request__school"
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

    # The database refuses UPDATE and DELETE too (core.append_only).
    append_only = True

    class Outcome(models.TextChoices):
        APPROVE = "approve", "Approve"
        APPROVE_WITH_CONDITIONS = "approve_conditions", "Approve with conditions"
        DECLINE = "decline", "Decline"

    request = models.ForeignKey(SpeakerRequest, on_delete=models.PROTECT, related_name="decisions")
    school_path = "request__school"
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
    school_path = "request__school"
    went_as_agreed = models.BooleanField("the event went as agreed")
    notes = models.TextField(
        help_text="What happened; anything that went differently from what was agreed.", max_length=ACCOUNT
    )
    invite_again = models.CharField(max_length=20, choices=InviteAgain.choices)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"Evaluation of {self.request}"


class LettingDate(models.Model):
    """One booking of a letting: a series is decided once, and each of its dates may be cancelled."""

    request = models.ForeignKey(SpeakerRequest, on_delete=models.CASCADE, related_name="dates")
    school_path = "request__school"
    starts_at = models.DateTimeField()
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    cancel_reason = models.TextField("why it is cancelled", blank=True, max_length=NOTE)

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["request", "starts_at"], name="letting_date_unique")]

    def __str__(self):
        return f"{self.request.event_title}: {timezone.localtime(self.starts_at):%d %b %Y %H:%M}"

    @property
    def is_cancelled(self):
        return self.cancelled_at is not None


class Letter(Versioned):
    """The letter to the speaker or hirer telling them the outcome of a decision.

    It is addressed to them alone, signed by a named person, and says the outcome and any
    conditions in neutral words: the reasons (the justification, police or Prevent advice) stay
    in the internal decision record. Drafted, reviewed by the Lead, then marked sent.
    """

    class State(models.TextChoices):
        DRAFT = "draft", "Draft"
        REVIEWED = "reviewed", "Reviewed, ready to send"
        SENT = "sent", "Sent"

    request = models.ForeignKey(SpeakerRequest, on_delete=models.PROTECT, related_name="letters")
    school_path = "request__school"
    decision = models.OneToOneField(Decision, on_delete=models.PROTECT, related_name="letter")
    addressee_name = models.CharField("addressed to", max_length=200, help_text="The speaker, or the hirer's contact.")
    addressee_organisation = models.CharField("their organisation", max_length=200, blank=True)
    addressee_address = models.TextField(
        "address", blank=True, max_length=NOTE, help_text="Postal or email address, as the letter shows it."
    )
    body = models.TextField(
        "wording",
        max_length=ACCOUNT,
        help_text="The outcome in neutral words. Never the reasons: those stay in the internal record.",
    )
    conditions = models.TextField(
        "conditions", blank=True, max_length=NOTE, help_text="One condition a line, as the speaker or hirer reads them."
    )
    signatory_name = models.CharField("signed by", max_length=150)
    signatory_role = models.CharField("their role", max_length=150, help_text="For example: Headteacher.")
    state = models.CharField(max_length=10, choices=State.choices, default=State.DRAFT)
    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    drafted_at = models.DateTimeField(default=timezone.now)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["drafted_at", "pk"]

    def __str__(self):
        return f"Letter to {self.addressee_name} ({self.get_state_display().lower()})"

    @property
    def condition_lines(self):
        return [line.strip() for line in self.conditions.splitlines() if line.strip()]


class SentLetter(models.Model):
    """What was sent, exactly: the letter's HTML as sent, its SHA-256, who sent it, when and how.

    Evidence: never changed (the database refuses UPDATE and DELETE too).
    """

    append_only = True

    class How(models.TextChoices):
        EMAIL = "email", "By email"
        POST = "post", "By post"
        HAND = "hand", "By hand"

    letter = models.OneToOneField(Letter, on_delete=models.PROTECT, related_name="sent")
    school_path = "letter__request__school"
    html = models.TextField()
    sha256 = models.CharField(max_length=64)
    sent_how = models.CharField("how it was sent", max_length=10, choices=How.choices)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.letter} sent {self.sent_at:%d %b %Y}"
