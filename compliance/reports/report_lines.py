"""The parts of a ``SchoolReport``: its figures, lines and sections, as the dashboard, the PDF,
the exports and the overview read them (``report_data.school_report`` fills them in)."""

import datetime
from dataclasses import dataclass, field

from django.utils.formats import date_format

from core import periods
from referrals.disclosure import shown_count
from training.selectors.courses import DSL_TRAINING

from ..measures import NO_DATA
from ..models import RAG


@dataclass
class Figure:
    """One headline number, with the list behind it for those allowed to see that list."""

    key: str
    label: str
    value: int | str | None  # None: no data yet (an empty denominator); str: words (withheld, no data)
    unit: str = ""  # "%" for percentages
    url: str = ""
    cap: str = ""  # the capability needed to follow the link
    due_by: datetime.date | None = None  # a share still in progress: not yet a figure to judge

    @property
    def display(self):
        if self.value is None:
            return NO_DATA
        return in_progress_words(self.due_by) if self.due_by else f"{self.value}{self.unit}"


def in_progress_words(due_by):
    """What a share shows before its confirm-by date, instead of a percentage that looks like failure."""
    return f"in progress, due by {date_format(due_by, 'j F')}"


@dataclass
class Change:
    label: str
    before: str
    after: str


@dataclass
class ActionLine:
    text: str
    owner: str
    status: str
    rag: str
    target_date: object
    measure: str  # "Prevent awareness training: 92% (needs 100%)", or ""
    evidence_count: int
    rag_reason: str = ""  # why it has its RAG, in words (Action.rag_decision)


@dataclass
class EvidenceBlock:
    text: str
    actions: list = field(default_factory=list)


@dataclass
class DutyBlock:
    text: str
    evidence: list = field(default_factory=list)


@dataclass
class AreaBlock:
    title: str
    duties: list = field(default_factory=list)
    counts: dict = field(default_factory=lambda: dict.fromkeys(RAG.values, 0))

    @property
    def total(self):
        return sum(self.counts.values())


@dataclass
class PlanSection:
    plan: object = None  # the ActionPlan, or None when the school has none yet
    areas: list = field(default_factory=list)
    counts: dict = field(default_factory=lambda: dict.fromkeys(RAG.values, 0))
    url: str = ""

    @property
    def total(self):
        return sum(self.counts.values())


@dataclass
class MeasureLine:
    key: str  # stable across reports: the measure kind and its parameters
    label: str
    numerator: int | str  # str: withheld from this viewer (referrals.disclosure), or "—" with no data
    denominator: int | str
    percent: int | str  # str: withheld, or NO_DATA
    threshold: int
    url: str = ""
    cap: str = ""
    due_by: datetime.date | None = None

    @property
    def percent_display(self):
        return f"{self.percent}%" if isinstance(self.percent, int) else self.percent

    @property
    def share_display(self):
        return in_progress_words(self.due_by) if self.due_by else self.percent_display


@dataclass
class RateLine:
    """A share of people: confirmations of a document version, or holders of a course."""

    key: str  # stable across reports: the document's or the course's id
    label: str
    required: int
    done: int
    percent: int | None  # None: nobody is required (no data yet, never 100%)
    extra: dict = field(default_factory=dict)  # training: expiring, expired, missing
    url: str = ""
    cap: str = ""
    due_by: datetime.date | None = None  # confirmations of a new edition before its confirm-by date
    slug: str = ""  # the document's or the course's slug (e.g. "kcsie", "dsl-training")
    version_label: str = ""  # confirmations: the current version's label (e.g. the edition)
    # Training: of the DSL(s) who must hold the course, the earliest expiry and how many have none.
    dsl_expires_on: datetime.date | None = None
    dsl_missing: int = 0

    @property
    def share_display(self):
        if self.percent is None:
            return NO_DATA
        return in_progress_words(self.due_by) if self.due_by else f"{self.percent}%"


@dataclass
class CountLine:
    label: str
    value: int
    key: str = ""


@dataclass
class SchoolReport:
    school: object
    period: periods.Period
    generated_at: object
    plan: PlanSection
    measures: list
    confirmations: list
    training: list
    speakers: dict  # {"total": n, "lines": [CountLine], "decisions": [CountLine], "url", "cap"}
    referrals: dict  # {"opened": n, "closed": n, "decisions": [CountLine], "outcomes": [CountLine], ...}
    figures: list = field(default_factory=list)
    last_snapshot: object = None
    changes: list = field(default_factory=list)
    # The risk assessment, self-assessment and filtering (assurance.selectors.AssuranceSummary).
    assurance: object = None
    # What governors read first (compliance.reports.governors_summary.GovernorsSummary).
    governors: object = None

    def figures_dict(self):
        """The figures as a snapshot stores them: {key: {"label": ..., "value": ..., "unit": ...}}."""
        return {f.key: stored_figure(f) for f in self.figures}

    @property
    def headline(self):
        """The few numbers the trust overview puts side by side."""
        # A new edition still in progress is not yet a rate to compare schools by.
        confirmations = [line.percent for line in self.confirmations if not line.due_by and line.percent is not None]
        training = [line.percent for line in self.training if line.percent is not None]
        return {
            "actions": self.plan.total,
            "green": self.plan.counts["green"],
            "amber": self.plan.counts["amber"],
            "red": self.plan.counts["red"],
            "green_percent": round(100 * self.plan.counts["green"] / self.plan.total) if self.plan.total else None,
            "confirmations": min(confirmations) if confirmations else None,
            "training": min(training) if training else None,
            "speakers": self.speakers["total"],
            # The overview is read by trust and LA officers only, who never see exact small counts.
            "referrals": shown_count(self.referrals["opened"], exact=False),
            **self._headline_dates(),
        }

    def _headline_dates(self):
        """The dates and the KCSIE figure the overview sets side by side (ISO dates; None: no data)."""
        plan = self.plan.plan
        kcsie = next((line for line in self.confirmations if line.slug == "kcsie"), None)
        dsl = next((line for line in self.training if line.slug == DSL_TRAINING), None)
        dsl_expires = dsl.dsl_expires_on if dsl else None
        return {
            "plan_review": plan.next_review_on.isoformat() if plan and plan.next_review_on else None,
            "kcsie": kcsie.percent if kcsie else None,
            "kcsie_version": kcsie.version_label if kcsie else "",
            "kcsie_due_by": kcsie.due_by.isoformat() if kcsie and kcsie.due_by else None,
            "dsl_training_expires": dsl_expires.isoformat() if dsl_expires else None,
            # None: no DSL must hold DSL training (no data); otherwise how many DSLs have none at all.
            "dsl_training_missing": dsl.dsl_missing if dsl else None,
        }


def stored_figure(figure):
    stored = {"label": figure.label, "value": figure.value, "unit": figure.unit}
    if figure.due_by:
        stored["due_by"] = figure.due_by.isoformat()
    return stored
