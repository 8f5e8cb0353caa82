"""Documents, versions and acknowledgements (issue: staff read and confirm KCSIE).

A document (KCSIE, the safeguarding policy...) has versions; the newest published one is its
current version. A minor version (a typo fix) amends the last major one, so confirmations of
that major version still count. Acknowledgements and their withdrawals are evidence: rows are
only ever added, never edited.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from accounts.models import Role, School
from core.concurrency import Versioned
from core.dates import planned
from core.plain_text import NOTE
from core.uploads import upload_path

__all__ = ["Document", "DocumentVersion", "Acknowledgement", "AcknowledgementWithdrawal", "AcknowledgementReminder"]

# Roles a document can be addressed to, in the order a reading requirement is looked up: the
# most specific role a person holds decides what they read (a Lead reads what leads read).
AUDIENCE_ROLES = [Role.HEADTEACHER, Role.PREVENT_LEAD, Role.DSL, Role.STAFF, Role.GOVERNOR]
# The staff roles among them: a document for all of these is shown as for "All staff".
ALL_STAFF = [role for role in Role.school_staff() if role in AUDIENCE_ROLES]

_document_path = upload_path("documents")

# How long people have to confirm a new edition before they count as outstanding.
GRACE_DAYS = 30


def default_confirm_by(in_force):
    """The confirm-by date of an edition in force from ``in_force``: 1 October for an edition in force
    on 1 September (KCSIE's rhythm: the first month of the school year), else 30 days on."""
    if (in_force.month, in_force.day) == (9, 1):
        return datetime.date(in_force.year, 10, 1)
    return in_force + datetime.timedelta(days=GRACE_DAYS)


def suggested_confirm_by(in_force, today):
    """The confirm-by date a publish form suggests: the default, or 30 days from today if the
    default has passed (an edition published late, or a school set up mid-year)."""
    default = default_confirm_by(in_force)
    return default if default >= today else today + datetime.timedelta(days=GRACE_DAYS)


def document_upload_to(instance, filename):
    """A module-level name for migrations; the path comes from core.uploads."""
    return _document_path(instance, filename)


class Document(Versioned):
    """Something staff must read and confirm: statutory guidance, a school policy, a procedure."""

    class Kind(models.TextChoices):
        STATUTORY_GUIDANCE = "statutory_guidance", "Statutory guidance"
        POLICY = "policy", "School policy"
        PROCEDURE = "procedure", "Procedure"

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=60, help_text="A short name for links and action-plan evidence, e.g. kcsie. Unique in the school."
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.POLICY)
    description = models.TextField(blank=True, help_text="Why staff read it, in a sentence or two.", max_length=NOTE)
    # Roles (accounts.Role values) who must read and confirm it.
    audience = models.JSONField(default=list, blank=True)
    # What each role reads, {role: "Part one"}; a role not named reads the whole document.
    reading = models.JSONField(default=dict, blank=True)
    references_prevent = models.BooleanField(
        "refers to the Prevent duty", default=False, help_text="The policy mentions Prevent (the plan asks for this)."
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    review_on = models.DateField("next review", null=True, blank=True, validators=[planned])
    retired_on = models.DateField(null=True, blank=True)
    # The newest published version; kept here by training.services.documents.version_publish.
    current_version = models.ForeignKey(
        "DocumentVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["title"]
        constraints = [models.UniqueConstraint(fields=["school", "slug"], name="document_unique_slug")]

    def __str__(self):
        return self.title

    @property
    def is_retired(self):
        return self.retired_on is not None

    def is_for(self, roles):
        return bool(set(self.audience) & set(roles))

    def reading_for(self, roles):
        """What someone with ``roles`` reads ("Part one"), or "" for the whole document."""
        for role in AUDIENCE_ROLES:
            if role in roles and self.reading.get(role):
                return self.reading[role]
        return ""

    def audience_labels(self):
        labels = dict(Role.choices)
        if set(ALL_STAFF) <= set(self.audience):
            extra = [labels[r] for r in self.audience if r not in ALL_STAFF]
            return ["All staff", *extra]
        return [labels.get(r, r) for r in AUDIENCE_ROLES if r in self.audience]


class DocumentVersion(models.Model):
    """One edition of a document (e.g. KCSIE 2025), as a PDF or a link. Published, then kept."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    school_path = "document__school"
    label = models.CharField(max_length=100, help_text="The edition, e.g. 2025 or September 2025.")
    effective_on = models.DateField("in force from", validators=[planned])
    file = models.FileField(upload_to=document_upload_to, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    url = models.URLField("link", max_length=500, blank=True)
    summary = models.TextField("what changed", blank=True, max_length=NOTE)
    # Until this date, people who have not confirmed the edition are "in progress", not outstanding:
    # a new edition does not turn the figures red overnight. A minor version keeps its major's.
    confirm_by = models.DateField(
        "confirm by",
        null=True,
        blank=True,
        help_text="Everyone who must read it has until this date; after it, those who have not are outstanding.",
    )
    # What each role reads of this edition, {role: "Part one"}, as it was published.
    reading = models.JSONField(default=dict, blank=True)
    is_minor = models.BooleanField(
        "minor change", default=False, help_text="A typo fix or similar: existing confirmations still count."
    )
    # For a minor version: the major version it amends, whose confirmations count for it.
    amends = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="minor_versions")
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-published_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(file="") | ~Q(url=""), name="document_version_file_or_link"),
            models.CheckConstraint(
                condition=Q(is_minor=False, amends__isnull=True) | Q(is_minor=True, amends__isnull=False),
                name="document_version_minor_amends_major",
            ),
        ]

    def __str__(self):
        return f"{self.document.title} {self.label}"

    @property
    def major_id(self):
        """The major version whose confirmations count for this one."""
        return self.amends_id or self.pk

    def is_in_progress(self, today):
        """True until the confirm-by date has passed: confirmations are due, not yet late."""
        return self.confirm_by is not None and today <= self.confirm_by


class Acknowledgement(models.Model):
    """A person's confirmation that they read a version: the statement as shown, and when.

    ``major_version`` is the version it counts for (the one read, or the major one a minor version
    amends). ``attempt`` counts earlier withdrawn confirmations of the same major version, so the
    database allows one live confirmation per person and edition however often the form is posted.
    Evidence: the database refuses UPDATE and DELETE (core.append_only); a mistake is withdrawn.
    """

    append_only = True

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="acknowledgements")
    version = models.ForeignKey(DocumentVersion, on_delete=models.PROTECT, related_name="acknowledgements")
    major_version = models.ForeignKey(DocumentVersion, on_delete=models.PROTECT, related_name="+")
    attempt = models.PositiveSmallIntegerField(default=0)
    statement = models.TextField()
    confirmed_at = models.DateTimeField(default=timezone.now)
    on_behalf_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    on_behalf_note = models.TextField("how it was read", blank=True, max_length=NOTE)

    class Meta:
        ordering = ["-confirmed_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "major_version", "attempt"], name="acknowledgement_once_per_edition"
            ),
            models.CheckConstraint(
                condition=Q(on_behalf_by__isnull=True) | ~Q(on_behalf_note=""),
                name="acknowledgement_on_behalf_has_note",
            ),
        ]
        indexes = [models.Index(fields=["school", "major_version"])]

    def __str__(self):
        return f"{self.user} confirmed {self.version}"


class AcknowledgementWithdrawal(models.Model):
    """Withdraws one acknowledgement (recorded in error, or the person had not read it), with why."""

    append_only = True

    acknowledgement = models.OneToOneField(Acknowledgement, on_delete=models.PROTECT, related_name="withdrawal")
    school_path = "acknowledgement__school"
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(max_length=NOTE)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at"]
        constraints = [models.CheckConstraint(condition=~Q(reason=""), name="withdrawal_has_reason")]

    def __str__(self):
        return f"Withdrawal of {self.acknowledgement}"


class AcknowledgementReminder(models.Model):
    """A reminder email sent to one person on one day: at most one a day each."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_on = models.DateField(default=timezone.localdate)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    documents = models.JSONField(default=list)

    class Meta:
        ordering = ["-sent_on"]
        constraints = [
            models.UniqueConstraint(fields=["school", "user", "sent_on"], name="acknowledgement_reminder_once_a_day")
        ]

    def __str__(self):
        return f"Reminder to {self.user} on {self.sent_on}"
