"""Courses, training needs, training records and briefings.

Training records and briefing attendance are evidence: never edited. A correction is a new
record that ``supersedes`` the old one, with a reason; verification is set once.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from accounts.models import Role, School
from core.concurrency import Versioned
from core.dates import happened, planned
from core.plain_text import ACCOUNT, NOTE
from core.uploads import upload_path

from ..expiry import add_months

__all__ = [
    "Course",
    "NamedGroup",
    "TrainingNeedsAssessment",
    "TrainingRequirement",
    "TrainingRecord",
    "Briefing",
    "BriefingAttendance",
    "TrainingReminder",
]


_certificate_path = upload_path("training-certificates")
_materials_path = upload_path("briefing-materials")


def certificate_upload_to(instance, filename):
    """Where certificates go; a module-level function so that migrations can name it."""
    return _certificate_path(instance, filename)


def materials_upload_to(instance, filename):
    """Where briefing materials go; a module-level function so that migrations can name it."""
    return _materials_path(instance, filename)


class NamedGroup(models.Model):
    """People the Prevent Lead names for a course, e.g. "Relevant staff identified by the Prevent Lead/SPOC"."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="training_groups")
    name = models.CharField(max_length=150)
    description = models.TextField(blank=True, max_length=NOTE)
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="training_groups")

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["school", "name"], name="training_group_unique_name")]

    def __str__(self):
        return self.name


class Course(Versioned):
    class Kind(models.TextChoices):
        E_LEARNING = "e_learning", "E-learning"
        FACE_TO_FACE = "face_to_face", "Face to face"
        BRIEFING = "briefing", "Briefing"

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="courses")
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=60, help_text="A short name for reports and live evidence.")
    provider = models.CharField(max_length=150, blank=True)
    link = models.URLField(blank=True, help_text="Where staff take the course.")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.E_LEARNING)
    refresh_months = models.PositiveSmallIntegerField(
        "refresh every (months)", null=True, blank=True, help_text="Leave empty if the training does not expire."
    )
    required_roles = models.JSONField(
        default=list, blank=True, help_text="Roles whose every member must hold this training."
    )
    required_groups = models.ManyToManyField(NamedGroup, blank=True, related_name="courses")
    description = models.TextField(blank=True, max_length=NOTE)
    position = models.PositiveSmallIntegerField(default=0, help_text="Order in lists and the matrix.")

    class Meta:
        ordering = ["position", "title"]
        constraints = [models.UniqueConstraint(fields=["school", "slug"], name="course_unique_slug")]

    def __str__(self):
        return self.title

    def expires_on(self, completed_on):
        """When training completed on ``completed_on`` lapses, or None if it does not."""
        if self.refresh_months is None or completed_on is None:
            return None
        return add_months(completed_on, self.refresh_months)

    def required_role_labels(self):
        labels = dict(Role.in_school_choices())
        return [labels.get(r, r) for r in self.required_roles]


class TrainingNeedsAssessment(models.Model):
    """The school's assessment of who needs which training, in the light of its risk assessment."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="training_assessments")
    assessed_on = models.DateField(default=timezone.localdate, validators=[happened])
    risk = models.TextField("the risk it responds to", max_length=NOTE)
    summary = models.TextField(max_length=ACCOUNT)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-assessed_on", "-pk"]

    def __str__(self):
        return f"Training needs assessment of {self.assessed_on:%d %B %Y}"


class TrainingRequirement(models.Model):
    """One decision of a needs assessment: a role, a named group or a person needs a course, and why."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="training_requirements")
    assessment = models.ForeignKey(TrainingNeedsAssessment, on_delete=models.CASCADE, related_name="requirements")
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="requirements")
    role = models.CharField(max_length=20, choices=Role.in_school_choices(), blank=True)
    group = models.ForeignKey(NamedGroup, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.TextField(max_length=NOTE)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["course__position", "course__title", "pk"]
        constraints = [
            models.CheckConstraint(
                name="training_requirement_one_target",
                condition=(
                    Q(~Q(role=""), group__isnull=True, person__isnull=True)
                    | Q(role="", group__isnull=False, person__isnull=True)
                    | Q(role="", group__isnull=True, person__isnull=False)
                ),
            )
        ]

    def __str__(self):
        return f"{self.course} for {self.target_label}"

    @property
    def target_label(self):
        if self.role:
            return self.get_role_display()
        return str(self.group or self.person)


class TrainingRecordQuerySet(models.QuerySet):
    def current(self):
        """Records that count: not superseded by a correction."""
        return self.filter(superseded_by__isnull=True)


class TrainingRecord(models.Model):
    """A person completed a course on a date: evidence, never edited.

    The database refuses UPDATE and DELETE (core.append_only) except the one verification:
    ``verified_by`` and ``verified_at`` may go from empty to set, once, nothing else changing.
    (A verification is one fact about the record, added later by someone else; a row of its own
    would buy nothing the trigger does not already enforce.)
    """

    append_only = True
    append_only_set_once = ["verified_by", "verified_at"]

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="training_records")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="training_records")
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="records")
    completed_on = models.DateField(validators=[happened])
    certificate = models.FileField(upload_to=certificate_upload_to, blank=True)
    notes = models.TextField(blank=True, max_length=NOTE)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    supersedes = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by"
    )
    correction_reason = models.TextField(blank=True, max_length=NOTE)

    objects = TrainingRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-completed_on", "-pk"]
        indexes = [models.Index(fields=["school", "course", "user"])]
        constraints = [
            models.CheckConstraint(
                name="training_correction_has_reason",
                condition=Q(supersedes__isnull=True) | ~Q(correction_reason=""),
            )
        ]

    def __str__(self):
        return f"{self.user} — {self.course} ({self.completed_on:%d/%m/%Y})"

    @property
    def expires_on(self):
        return self.course.expires_on(self.completed_on)

    @property
    def is_verified(self):
        return self.verified_at is not None


class Briefing(Versioned):
    """A staff briefing: when, what it covered, its materials and who was invited."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="briefings")
    held_on = models.DateField(validators=[planned])
    title = models.CharField(max_length=200)
    topics = models.TextField(
        help_text="What it covered, e.g. staff's duties under the Prevent duty.", max_length=ACCOUNT
    )
    materials = models.FileField(upload_to=materials_upload_to, blank=True)
    materials_link = models.URLField(blank=True)
    invited_roles = models.JSONField(default=list, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self):
        return f"{self.title} ({self.held_on:%d %B %Y})"

    def invited_role_labels(self):
        labels = dict(Role.in_school_choices())
        return [labels.get(r, r) for r in self.invited_roles]


class BriefingAttendance(models.Model):
    """A person attended a briefing: confirmed by themselves or marked by the Lead. Evidence:
    the database refuses UPDATE and DELETE (core.append_only)."""

    append_only = True

    briefing = models.ForeignKey(Briefing, on_delete=models.CASCADE, related_name="attendances")
    school_path = "briefing__school"
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="briefing_attendances")
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    confirmed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["user__full_name"]
        constraints = [models.UniqueConstraint(fields=["briefing", "user"], name="briefing_attendance_once")]

    def __str__(self):
        return f"{self.user} attended {self.briefing}"

    @property
    def self_confirmed(self):
        return self.confirmed_by_id == self.user_id


class TrainingReminder(models.Model):
    """A reminder sent, so that the command run twice the same day sends nothing more."""

    class Reason(models.TextChoices):
        MISSING = "missing", "Missing"
        EXPIRING = "expiring", "Expiring"
        EXPIRED = "expired", "Expired"

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=10, choices=Reason.choices)
    sent_on = models.DateField(default=timezone.localdate)

    class Meta:
        ordering = ["-sent_on"]
        constraints = [
            models.UniqueConstraint(fields=["user", "course", "reason", "sent_on"], name="training_reminder_once_a_day")
        ]

    def __str__(self):
        return f"{self.get_reason_display()} reminder to {self.user_id} about {self.course_id} on {self.sent_on}"
