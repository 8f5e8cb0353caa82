"""The action plan: plans, areas, duties, evidence, actions, owners, evidence items, history.

A plan belongs to a school and an academic year. Its rows follow the document: an area
(heading) holds duties; a duty holds evidence lines (the "Evidence" column); each evidence
line holds the actions that meet it, each with its owner ("By whom").
"""

from django.conf import settings
from django.db import models
from django.utils.formats import date_format
from django.utils.timezone import localdate

from accounts.models import Role
from compliance.measures import REGISTRY
from core.concurrency import Versioned
from core.dates import happened, planned
from core.plain_text import ACCOUNT, NOTE
from core.uploads import upload_path

__all__ = [
    "ActionPlan",
    "Area",
    "Duty",
    "Evidence",
    "Owner",
    "RAG",
    "OWNER_ROLES",
    "Action",
    "EvidenceItem",
    "ActionHistory",
]


_evidence_path = upload_path("plan-evidence")


def evidence_upload_to(instance, filename):
    """Where evidence files go; a module-level function so that migrations can name it."""
    return _evidence_path(instance, filename)


class ActionPlan(Versioned):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        ADOPTED = "adopted", "Adopted"

    school = models.ForeignKey("accounts.School", on_delete=models.PROTECT, related_name="action_plans")
    academic_year = models.CharField(max_length=7, help_text="For example 2026/27.")
    title = models.CharField(max_length=200)
    # The school's opening statement of its duty, with the school's name filled in.
    statement = models.TextField(blank=True, max_length=ACCOUNT)
    # Which template the plan was made from (its key in compliance/plan_templates/), or blank.
    template_key = models.CharField(max_length=100, blank=True)
    status = models.CharField(max_length=10, choices=Status, default=Status.DRAFT)
    adopted_on = models.DateField(null=True, blank=True, validators=[happened])
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    next_review_on = models.DateField("next review date", null=True, blank=True, validators=[planned])
    # The plan this one was rolled over from; the older plan is then closed (read-only).
    previous = models.OneToOneField("self", on_delete=models.PROTECT, null=True, blank=True, related_name="successor")
    closed_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-academic_year"]
        constraints = [
            models.UniqueConstraint(fields=["school", "academic_year"], name="one_plan_per_school_year"),
        ]

    def __str__(self):
        return f"{self.title} ({self.academic_year})"

    @property
    def is_read_only(self):
        return self.closed_at is not None


class Area(models.Model):
    """A heading of the plan, such as "Risk assessment"."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="areas")
    school_path = "plan__school"
    title = models.CharField(max_length=200)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["plan", "position"]

    def __str__(self):
        return self.title


class Duty(models.Model):
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="duties")
    school_path = "area__plan__school"
    text = models.TextField()
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["area", "position"]
        verbose_name_plural = "duties"

    def __str__(self):
        return self.text[:80]


class Evidence(models.Model):
    """A line of the document's "Evidence" column: what shows that the duty is met."""

    duty = models.ForeignKey(Duty, on_delete=models.CASCADE, related_name="evidence_lines")
    school_path = "duty__area__plan__school"
    text = models.TextField()
    # Words that introduce the actions of this line in the document ("As a minimum the school should:").
    actions_intro = models.CharField(max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["duty", "position"]
        verbose_name_plural = "evidence"

    def __str__(self):
        return self.text[:80]


class RAG(models.TextChoices):
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"


class Owner(models.TextChoices):
    """Who an action is for ("By whom"): a role of the school or a named group of staff."""

    ALL_STAFF = "all_staff", "All staff"
    PREVENT_LEAD = "prevent_lead", "Prevent Lead/SPOC"
    DSL = "dsl", "Designated Safeguarding Lead"
    DSL_AND_PREVENT_LEAD = "dsl_prevent_lead", "Designated Safeguarding Lead/Prevent Lead (SPOC)"
    HEADTEACHER = "headteacher", "Headteacher"
    GOVERNING_BODY = "governing_body", "Governing body"
    PSHE_STAFF = "pshe_staff", "PSHE staff"
    IDENTIFIED_STAFF = "identified_staff", "Relevant staff identified by the Prevent Lead/SPOC"
    OTHER_STAFF = "other_staff", "Other relevant staff"


# The roles that own an action through its owner. Named groups (PSHE staff, relevant staff)
# own actions through the people named on each action instead.
OWNER_ROLES: dict[str, frozenset[str]] = {
    Owner.ALL_STAFF: frozenset({Role.STAFF}),
    Owner.PREVENT_LEAD: frozenset({Role.PREVENT_LEAD}),
    Owner.DSL: frozenset({Role.DSL}),
    Owner.DSL_AND_PREVENT_LEAD: frozenset({Role.DSL, Role.PREVENT_LEAD}),
    Owner.HEADTEACHER: frozenset({Role.HEADTEACHER}),
    Owner.GOVERNING_BODY: frozenset({Role.GOVERNOR}),
    Owner.PSHE_STAFF: frozenset(),
    Owner.IDENTIFIED_STAFF: frozenset(),
    Owner.OTHER_STAFF: frozenset(),
}


class Action(Versioned):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        IN_PLACE = "in_place", "In place"
        NEEDS_ATTENTION = "needs_attention", "Needs attention"
        TO_REVIEW = "to_review", "To review"

    school = models.ForeignKey("accounts.School", on_delete=models.PROTECT, related_name="plan_actions")
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="actions")
    evidence = models.ForeignKey(Evidence, on_delete=models.CASCADE, related_name="actions")
    text = models.TextField(max_length=NOTE)
    position = models.PositiveSmallIntegerField(default=0)
    owner = models.CharField(max_length=20, choices=Owner, blank=True)
    # The "By whom" words as the document writes them; the owner's label when blank.
    owner_label = models.CharField(max_length=200, blank=True)
    people = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="plan_actions",
        help_text="People named on this action: it appears in their actions as well.",
    )
    status = models.CharField(max_length=20, choices=Status, default=Status.NOT_STARTED)
    target_date = models.DateField(null=True, blank=True, validators=[planned])
    review_date = models.DateField(null=True, blank=True, validators=[planned])
    last_reviewed_on = models.DateField(null=True, blank=True, validators=[happened])
    last_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    notes = models.TextField(blank=True, max_length=ACCOUNT)
    # Live evidence: a key of compliance.measures.REGISTRY, its parameters and the share needed.
    measure_key = models.CharField(max_length=100, blank=True)
    measure_params = models.JSONField(default=dict, blank=True)
    threshold_percent = models.PositiveSmallIntegerField(null=True, blank=True)
    # The same action in the plan this one was rolled over from (its evidence stays there).
    carried_from = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="carried_to"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["evidence__duty__area__position", "evidence__duty__position", "evidence__position", "position"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(threshold_percent__isnull=True) | models.Q(threshold_percent__lte=100),
                name="action_threshold_at_most_100",
            ),
        ]

    def __str__(self):
        return self.text[:80]

    @property
    def owner_text(self):
        return self.owner_label or self.get_owner_display()

    @property
    def threshold(self):
        """The percentage the linked measure must reach (the measure kind's default if unset)."""
        if self.threshold_percent is not None:
            return self.threshold_percent
        kind = REGISTRY.get(self.measure_key)
        return kind.default_threshold if kind else 100

    # Set by compliance.selectors.attach_measures: this action's MeasureResult, or None, and
    # (given the viewer's capabilities) the MeasureShown that viewer sees, or None.
    measure_result = None
    measure_shown = None
    measure_label = ""

    @property
    def measure_shortfall(self):
        """True when the linked measure has data, is already due and is below the action's threshold."""
        result = self.measure_result
        return result is not None and not result.no_data and not result.in_progress and result.percent < self.threshold

    @property
    def is_overdue(self):
        return bool(self.target_date and self.status != self.Status.IN_PLACE and self.target_date < localdate())

    @property
    def rag(self):
        """Red, amber or green, worked out each time (never stored) by the rule in ``rag_decision``."""
        return self.rag_decision[0]

    @property
    def rag_reason(self):
        """Why the action has its RAG rating, in words (shown beside it on the action's page)."""
        return self.rag_decision[1]

    @property
    def rag_decision(self):
        """(RAG, reason): the one rule the plan, the dashboard, the PDF and the exports share
        (explained to readers in templates/compliance/_rag_rule.html).

        1. An action with live evidence that has a figure: the measure decides, so the rating
           never contradicts the share beside it. Green: the share meets the action's target;
           amber: below it; red: below half of it.
        2. Otherwise (no live evidence, the measure not available, or a new edition still in
           progress before its confirm-by date) the status and the target date decide. Red:
           needs attention, or past its target date and not in place; amber: not started, in
           progress or to review; green: in place.
        3. Live evidence with no data yet (nothing to measure) is never green: the status decides
           as in 2, but "in place" is amber. Counts of Prevent concerns are the exception: with no
           concern (or agreed action) this year the status decides as in 2, so that a rating never
           tells anyone who does not see the cases whether there were any.
        """
        result = self.measure_result
        threshold = self.threshold
        if result is not None and not result.no_data and not result.in_progress:
            if result.percent >= threshold:
                return RAG.GREEN, f"Green because its live evidence meets the target of {threshold}%."
            if result.percent >= threshold / 2:
                return RAG.AMBER, f"Amber because its live evidence is below the target of {threshold}%."
            return RAG.RED, f"Red because its live evidence is below half of the target of {threshold}%."
        rag, reason = self._status_rag()
        kind = REGISTRY.get(self.measure_key)
        if result is not None and result.no_data and kind is not None and kind.counts_referrals:
            # No concern this year: the status decides, so that no rating tells those who do not see
            # the cases whether there were any (referrals.disclosure).
            return rag, reason
        if result is not None and result.no_data:
            if rag == RAG.GREEN:
                return RAG.AMBER, "Amber because its live evidence has no data yet, so it cannot be green."
            return rag, f"{reason} Its live evidence has no data yet."
        if result is not None and result.in_progress:
            when = date_format(result.due_by, "j F Y")
            return rag, f"{reason} Its live evidence is in progress until {when}, so the status decides until then."
        if self.measure_key and result is None:
            return rag, f"{reason} Its live evidence is not available at the moment, so the status decides."
        return rag, reason

    def _status_rag(self):
        if self.status == self.Status.NEEDS_ATTENTION:
            return RAG.RED, "Red because it is marked as needing attention."
        if self.is_overdue:
            return (
                RAG.RED,
                f"Red because it is past its target date ({date_format(self.target_date, 'j F Y')}) and not in place.",
            )
        if self.status != self.Status.IN_PLACE:
            return RAG.AMBER, f"Amber because its status is “{self.get_status_display().lower()}”."
        return RAG.GREEN, "Green because it is in place."


class EvidenceItem(models.Model):
    """A file, link or short text that shows an action is done. Kept, never edited."""

    class Kind(models.TextChoices):
        FILE = "file", "File"
        LINK = "link", "Link"
        TEXT = "text", "Text"

    school = models.ForeignKey("accounts.School", on_delete=models.PROTECT, related_name="+")
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="evidence_items")
    kind = models.CharField(max_length=4, choices=Kind)
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to=evidence_upload_to, blank=True)
    original_name = models.CharField(max_length=255, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    link = models.URLField(max_length=500, blank=True)
    text = models.TextField(blank=True, max_length=ACCOUNT)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-added_at", "-pk"]

    def __str__(self):
        return self.title


class ActionHistory(models.Model):
    """One change to an action: who, when and what changed ({field: [old, new]})."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="history")
    school_path = "action__school"
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    summary = models.CharField(max_length=200)
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name_plural = "action history"

    def __str__(self):
        return self.summary

    def readable_changes(self):
        """(label, old, new) for each change, in words: labels, choices, names and dates."""
        from compliance.history import readable_changes

        return readable_changes(self.changes)
