"""Keeping and disposing of case records: the school's referral settings, legal holds and
retention reviews.

A closed case's record is reviewed on its retention review date (the pupil's date of birth + the
school's retention period, 25 years by default: IRMS toolkit). A legal hold (e.g. an inquiry or
litigation) stops any deletion or anonymisation until it is released; placing and releasing one
are both recorded, never edited.
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from accounts.models import School
from core.dates import happened, retention
from core.plain_text import ACCOUNT

from .cases import AppendOnly, Case

# A record reference from CPOMS or MyConcern: letters and digits, and - / _ . between them; no spaces.
DEFAULT_IDENTIFIER_PATTERN = r"[A-Za-z0-9][A-Za-z0-9/_.-]{0,49}"
DEFAULT_RETENTION_YEARS = 25  # child protection records: date of birth + 25 years, then review


def validate_identifier_pattern(pattern):
    """The school's pattern must be a regular expression that can be checked quickly and safely."""
    try:
        re.compile(pattern)
    except re.error as exc:
        raise ValidationError(f"This is not a valid regular expression ({exc}).") from exc
    # A quantified group that itself repeats, e.g. (a+)+, can take minutes on a short input.
    if re.search(r"\([^)]*[+*}][^)]*\)[+*{]", pattern):
        raise ValidationError("Do not repeat a group that itself repeats, e.g. (a+)+: it can hang the check.")
    if re.fullmatch(pattern, "Mohammed Khan"):
        raise ValidationError("The pattern accepts a name with a space (e.g. Mohammed Khan): allow no spaces.")


class ReferralSettings(models.Model):
    """A school's settings for its referral records (one row per school, made on first use)."""

    school = models.OneToOneField(School, on_delete=models.CASCADE, related_name="referral_settings")
    pupil_identifier_pattern = models.CharField(
        "pattern of a pupil's record reference",
        max_length=200,
        default=DEFAULT_IDENTIFIER_PATTERN,
        validators=[validate_identifier_pattern],
        help_text="A regular expression the whole reference must match, e.g. [0-9]{5,8} for a CPOMS number or "
        "MC-[0-9]+ for MyConcern. The default accepts letters, digits and - / _ . with no spaces.",
    )
    retention_years = models.PositiveSmallIntegerField(
        "years records are kept after the year of birth",
        default=DEFAULT_RETENTION_YEARS,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text="Child protection records are usually kept until the pupil is 25, then reviewed.",
    )

    class Meta:
        verbose_name_plural = "referral settings"

    def __str__(self):
        return f"Referral settings of {self.school}"


class LegalHoldQuerySet(models.QuerySet):
    def active(self):
        return self.filter(released_at__isnull=True)


class LegalHold(models.Model):
    """A hold that keeps a case's record whatever its retention date: placed, then released once."""

    append_only = True
    append_only_set_once = ["released_by", "released_at", "release_reason"]

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="legal_holds")
    school_path = "case__school"
    reason = models.TextField(
        max_length=ACCOUNT, help_text="E.g. a request from the police or the school's solicitors."
    )
    placed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    placed_at = models.DateTimeField(default=timezone.now)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    released_at = models.DateTimeField(null=True, blank=True)
    release_reason = models.TextField(null=True, blank=True, max_length=ACCOUNT)

    objects = LegalHoldQuerySet.as_manager()

    class Meta:
        ordering = ["-placed_at", "-pk"]

    def __str__(self):
        return f"Legal hold on {self.case} from {self.placed_at:%d %b %Y}"

    @property
    def is_active(self):
        return self.released_at is None


def refuse_if_on_hold(case, doing):
    """Raise if ``case`` is on legal hold: nothing deletes or anonymises it until the hold is released."""
    hold = LegalHold.objects.active().filter(case=case).select_related("placed_by").first()
    if hold is not None:
        raise ValidationError(
            f"{case.reference} is on legal hold (placed by {hold.placed_by} on {hold.placed_at:%-d %B %Y}: "
            f"{hold.reason}). It cannot be {doing} until the hold is released."
        )


class RetentionReview(AppendOnly):
    """The review of a closed case's record on its retention date: keep it (until when) or anonymise it."""

    class Decision(models.TextChoices):
        KEEP = "keep", "Keep the record and review it again"
        ANONYMISE = "anonymise", "Anonymise the record now"

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="retention_reviews")
    school_path = "case__school"
    decision = models.CharField(max_length=20, choices=Decision.choices)
    reviewed_on = models.DateField(default=timezone.localdate, validators=[happened])
    next_review_on = models.DateField("next review date", null=True, blank=True, validators=[retention])
    note = models.TextField(max_length=ACCOUNT, help_text="Why: what was weighed up.")
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["reviewed_on", "pk"]

    def __str__(self):
        return f"Retention review {self.reviewed_on:%d %b %Y}"

    def clean(self):
        if self.decision == self.Decision.KEEP and self.next_review_on is None:
            raise ValidationError({"next_review_on": "Give the date the record is to be reviewed again."})
        if self.decision == self.Decision.ANONYMISE and self.next_review_on is not None:
            raise ValidationError({"next_review_on": "An anonymised record has no next review."})
