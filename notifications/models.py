"""Notifications: a line on a person's home page, and an email unless they turned it off.

A notification belongs to one school and one person (its recipient). Its ``text`` is the words
the person reads on the home page; an email may say less (a case action's email says only that
one is due). ``key`` makes a notification that a daily scan would make again (training about to
lapse, a case action falling due) exist once. How it goes by email is ``email_state``: at once,
in the weekly digest, not at all; a failed send stays pending and is tried again by the next run.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class Kind(models.TextChoices):
    SPEAKER_REQUEST = "speaker_request", "New speaker and letting requests"
    SPEAKER_DECISION = "speaker_decision", "Decisions on your speaker requests"
    GOVERNOR_QUESTION = "governor_question", "Governors' questions"
    CASE_ACTION_DUE = "case_action_due", "Referral case actions falling due"
    TRAINING_LAPSING = "training_lapsing", "Your training about to lapse"


# The capability that makes a kind of notification concern a person: the settings page offers
# only these kinds (accounts/roles.py decides who holds each).
KIND_CAPABILITY = {
    Kind.SPEAKER_REQUEST: "decide_speakers",
    Kind.SPEAKER_DECISION: "request_speakers",
    Kind.GOVERNOR_QUESTION: "answer_challenge",
    Kind.CASE_ACTION_DUE: "record_referrals",
    Kind.TRAINING_LAPSING: "record_own_training",
}


class EmailState(models.TextChoices):
    PENDING = "pending", "To be emailed"
    DIGEST = "digest", "Waiting for the weekly digest"
    SENT = "sent", "Emailed"
    OFF = "off", "Not emailed (turned off in the person's settings)"
    FAILED = "failed", "Not emailed: the mail server refused it after several tries"


class Notification(models.Model):
    school = models.ForeignKey("accounts.School", on_delete=models.CASCADE, related_name="notifications")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    text = models.CharField(max_length=300)
    link = models.CharField(max_length=300, blank=True)
    # Identifies what a scan notified about ("training-lapse:<record>"), so that it is notified once.
    key = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    email_state = models.CharField(max_length=10, choices=EmailState.choices, default=EmailState.PENDING)
    emailed_at = models.DateTimeField(null=True, blank=True)
    # A sender claims a pending email (a random token) before sending, so that two runs never both send it;
    # a claim older than a few minutes is a sender that died, and the email is pending again.
    email_claim = models.UUIDField(null=True, blank=True)
    email_claimed_at = models.DateTimeField(null=True, blank=True)
    email_attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "school", "-created_at"]),
            models.Index(fields=["email_state"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "recipient", "key"], condition=~Q(key=""), name="notification_once_per_key"
            )
        ]

    def __str__(self):
        return self.text

    @property
    def is_read(self):
        return self.read_at is not None


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", "An email for each notification, as it happens"
    WEEKLY = "weekly", "One email a week: a digest of the week's notifications"


class NotificationSettings(models.Model):
    """A person's choices about email (their own, shared by every school they belong to)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_settings"
    )
    # The kinds the person does not want by email (they still show on the home page).
    emails_off = models.JSONField(default=list, blank=True)
    frequency = models.CharField(max_length=10, choices=Frequency.choices, default=Frequency.IMMEDIATE)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "notification settings"

    def __str__(self):
        return f"Notification settings of {self.user_id}"

    def emails(self, kind):
        return kind not in self.emails_off


class Digest(models.Model):
    """A weekly digest sent to a person, so that the command run twice in a week sends one."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    week_starting = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["recipient", "week_starting"], name="notification_digest_once_a_week")
        ]

    def __str__(self):
        return f"Digest to {self.recipient_id} for the week starting {self.week_starting}"
