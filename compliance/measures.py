"""Live evidence: measures computed from other apps' records, linked to actions of the plan.

A measure kind is a function ``(school, **params) -> MeasureResult`` registered under a key.
Each calls one selector of the app that owns the data (training, speakers, referrals), so
those apps never import compliance. An action of the plan names a kind and its parameters;
the plan shows the current value against the action's threshold, and a shortfall turns the
action's RAG amber or red by itself.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from core.periods import academic_year_end, academic_year_of, academic_year_start

# What every page, PDF and export shows where there is nothing to measure (an empty denominator:
# no briefing held, no document published, nobody required): never 100%, never 0%, never a pass.
NO_DATA = "no data yet"


@dataclass
class MeasureResult:
    numerator: int
    denominator: int
    # Who or what is behind the shortfall: short labels (people's names, request titles).
    shortfall: list = field(default_factory=list)
    detail_url: str = ""
    # Set while the shortfall is not yet due (a new edition before its confirm-by date): the measure
    # is "in progress, due by ..." and turns no action amber or red.
    due_by: datetime.date | None = None
    # Nothing recorded to measure (e.g. no risk assessment yet, or nobody to count): shown as
    # "no data yet", never a pass. Set by itself when the denominator is 0.
    no_data: bool = False
    # What the measure is about in words (a document's or a course's title), for its label.
    subject: str = ""

    def __post_init__(self):
        if not self.denominator:
            self.no_data = True

    @property
    def in_progress(self):
        return self.due_by is not None and not self.no_data

    @property
    def ratio(self):
        """The share met, from 0 to 1; None when there is nothing to measure (never a pass)."""
        if self.no_data:
            return None
        return self.numerator / self.denominator

    @property
    def percent(self):
        """The share met in whole percent, or None when there is no data."""
        ratio = self.ratio
        return None if ratio is None else round(ratio * 100)


@dataclass
class MeasureKind:
    key: str
    label: str
    compute: Callable
    default_threshold: int = 100  # percent
    # Counts Prevent concerns: shown under referrals.disclosure's rule to those who do not see the cases.
    counts_referrals: bool = False
    # Who may see the figures at all (capabilities of accounts/roles.py)...
    capability: str = "view_plan"
    # ...and who may see who or what is behind a shortfall; everyone else sees how many.
    names_capability: str = "view_acknowledgement_progress"
    # The label once the measure's subject is known, e.g. "... the current version of {subject}".
    subject_label: str = ""
    # What an empty denominator reads where "no data yet" would say less (e.g. "no concerns this
    # year"); only ever shown to those who see exact counts (referrals.disclosure).
    empty_words: str = ""

    def label_for(self, result):
        """The label in words, naming the document or course the measure is about (never its key)."""
        subject = getattr(result, "subject", "")
        return self.subject_label.format(subject=subject) if self.subject_label and subject else self.label


def no_data_words(kind):
    """What a measure with nothing to measure reads: the kind's own words, or "no data yet"."""
    return (kind.empty_words if kind else "") or NO_DATA


def measure_label(key, result=None):
    """The words for a measure linked to an action: its kind's label with its subject, or a plain
    sentence when its kind is no longer registered (never the key)."""
    kind = REGISTRY.get(key)
    if kind is None:
        return "A measure that is no longer available"
    return kind.label_for(result)


REGISTRY: dict[str, MeasureKind] = {}


def measure(
    key,
    label,
    default_threshold=100,
    counts_referrals=False,
    capability="view_plan",
    names_capability="view_acknowledgement_progress",
    subject_label="",
    empty_words="",
):
    """Register a measure kind under ``key``."""

    def register(compute):
        REGISTRY[key] = MeasureKind(
            key=key,
            label=label,
            compute=compute,
            default_threshold=default_threshold,
            counts_referrals=counts_referrals,
            capability=capability,
            names_capability=names_capability,
            subject_label=subject_label,
            empty_words=empty_words,
        )
        return compute

    return register


def choices():
    return [(kind.key, kind.label) for kind in sorted(REGISTRY.values(), key=lambda k: k.label)]


# Measures are registered below, each calling one selector of the app that owns the data.


def _document_words(key):
    """A document the school does not have, in words: the catalogue's title, else a plain phrase."""
    from training.catalogue import catalogue

    entry = catalogue().get(key)
    return f"“{entry.title}” (not published yet)" if entry else "a document not published yet"


def _course_words(slug):
    """A course the school does not have, in words: the default's title, else a plain phrase."""
    from training.default_courses import DEFAULT_COURSES

    default = next((c for c in DEFAULT_COURSES if c["slug"] == slug), None)
    return f"“{default['title']}” (not set up yet)" if default else "a course not set up yet"


@measure(
    "documents.confirmed",
    "Share of required staff who confirmed the current version of a document",
    subject_label="Share of required staff who confirmed the current version of {subject}",
)
def documents_confirmed(school, document="kcsie", **params):
    """params: {"document": "<slug or kind>"}, e.g. {"document": "kcsie"}. Before the version's
    confirm-by date, those who have not confirmed are in progress, not a shortfall."""
    from django.urls import reverse

    from training.selectors.documents import document_confirmation_rate

    rate = document_confirmation_rate(school, document)
    if rate is None:
        return MeasureResult(
            numerator=0,
            denominator=0,
            detail_url=reverse("training:document-overview"),
            subject=_document_words(document),
        )
    return MeasureResult(
        numerator=rate.confirmed,
        denominator=rate.required,
        shortfall=[user.full_name for user in rate.outstanding],
        detail_url=reverse("training:document-overview"),
        due_by=rate.due_by,
        subject=f"“{rate.document.title}”",
    )


@measure(
    "training.dsl_prevent",
    "The DSL(s) hold valid Prevent training",
    names_capability="view_training_matrix",
    subject_label="The DSL(s) hold valid training in {subject}",
)
def training_dsl_prevent(school, course="prevent-awareness", **params):
    """params: {"course": "<slug>"} (default the Home Office Prevent awareness course)."""
    from django.urls import reverse

    from training.selectors.courses import dsl_prevent_training

    found, held, lacking = dsl_prevent_training(school, course)
    return MeasureResult(
        numerator=len(held),
        denominator=len(held) + len(lacking),
        shortfall=[user.full_name for user in lacking],
        detail_url=reverse("training:matrix") + f"?role=dsl&course={course}",
        subject=f"“{found.title}”" if found else _course_words(course),
    )


@measure(
    "training.course_coverage",
    "Share of required staff with valid training in a course",
    names_capability="view_training_matrix",
    subject_label="Share of required staff with valid training in {subject}",
)
def training_course_coverage(school, course="prevent-awareness", **params):
    """params: {"course": "<slug>"}; expiring training still counts as valid until it lapses."""
    from django.urls import reverse

    from training.selectors.courses import course_coverage

    coverage = course_coverage(school, course)
    if coverage is None:
        return MeasureResult(
            numerator=0, denominator=0, detail_url=reverse("training:course-list"), subject=_course_words(course)
        )
    return MeasureResult(
        numerator=coverage.held,
        denominator=coverage.required,
        shortfall=coverage.shortfall,
        detail_url=reverse("training:matrix") + f"?course={course}&status=missing&status=expired",
        subject=f"“{coverage.course.title}”",
    )


@measure(
    "briefings.attendance",
    "Share of those invited who attended the latest briefing",
    default_threshold=90,
    names_capability="view_training_matrix",
)
def briefings_attendance(school, **params):
    """The latest briefing held: invited people who attended over everyone invited."""
    from django.urls import reverse

    from training.selectors.courses import latest_briefing_attendance

    latest = latest_briefing_attendance(school)
    if latest is None:
        return MeasureResult(numerator=0, denominator=0, detail_url=reverse("training:briefing-list"))
    briefing, invited, attended, absentees = latest
    return MeasureResult(
        numerator=attended,
        denominator=invited,
        shortfall=[user.full_name for user in absentees],
        detail_url=reverse("training:briefing-detail", kwargs={"briefing_id": briefing.pk}),
    )


@measure(
    "speakers.due_diligence",
    "Share of this academic year's speaker events checked and decided in time",
    names_capability="view_speaker_register",
)
def speakers_due_diligence(school, **params):
    """Events this academic year (1 September to 31 August, past or to come) that had an outline,
    every required check and a decision with its justification before the event."""
    from django.urls import reverse

    from speakers.selectors import due_diligence_record

    start, end = academic_year_start(), academic_year_end()
    met, total, shortfall = due_diligence_record(school, start, end)
    query = f"?date_from={start.isoformat()}&date_to={end.isoformat()}"
    return MeasureResult(
        numerator=met, denominator=total, shortfall=shortfall, detail_url=reverse("speakers:register") + query
    )


@measure(
    "referrals.decisions_recorded",
    "Share of this academic year's Prevent concerns with a decision recorded",
    counts_referrals=True,
    empty_words="no concerns this year",
    # Counts of Prevent concerns are not for every member of staff.
    capability="view_referral_statistics",
    names_capability="view_referral_statistics",
)
def referrals_decisions_recorded(school, **params):
    """Concerns raised this academic year (1 September to 31 August) with at least one decision and its
    reasons; counts only, so no case is named to governors."""
    from django.urls import reverse

    from referrals.selectors import decision_coverage

    decided, total = decision_coverage(school, academic_year_start(), academic_year_end())
    shortfall = [f"{total - decided} concern(s) without a recorded decision"] if total > decided else []
    return MeasureResult(
        numerator=decided, denominator=total, shortfall=shortfall, detail_url=reverse("referrals:statistics")
    )


@measure(
    "referrals.agreed_actions_on_time",
    "Share of agreed actions (e.g. with Channel) done by their due date",
    counts_referrals=True,
    empty_words="no agreed action due yet",
    capability="view_referral_statistics",
    names_capability="view_referral_statistics",
)
def referrals_agreed_actions_on_time(school, **params):
    """Agreed actions already due that were done by their due date; counts only."""
    from django.urls import reverse

    from referrals.selectors import agreed_action_timeliness

    on_time, total = agreed_action_timeliness(school)
    shortfall = [f"{total - on_time} agreed action(s) late or overdue"] if total > on_time else []
    return MeasureResult(
        numerator=on_time, denominator=total, shortfall=shortfall, detail_url=reverse("referrals:statistics")
    )


# The Prevent duty's own instruments (assurance). A school that has recorded nothing has "no data yet":
# never a pass.


def _no_data(label, url):
    return MeasureResult(numerator=0, denominator=0, shortfall=[label], detail_url=url, no_data=True)


def _reviewed_within_a_year(last, what, url):
    import datetime

    from django.utils import timezone

    if last is None:
        return _no_data(f"No {what} recorded yet", url)
    if last >= timezone.localdate() - datetime.timedelta(days=365):
        return MeasureResult(numerator=1, denominator=1, detail_url=url)
    return MeasureResult(numerator=0, denominator=1, shortfall=[f"Last {what}: {last:%d %B %Y}"], detail_url=url)


@measure("assurance.risk_assessment_reviewed", "The Prevent risk assessment was reviewed within the last 12 months")
def risk_assessment_reviewed(school, **params):
    """The date the school's risk assessment was last put in place or reviewed, within 365 days."""
    from django.urls import reverse

    from assurance.selectors import risk_assessment_last_reviewed

    url = reverse("assurance:risk-assessment")
    return _reviewed_within_a_year(risk_assessment_last_reviewed(school), "review of the risk assessment", url)


@measure("assurance.filtering_reviewed", "Filtering and monitoring were reviewed within the last 12 months")
def filtering_reviewed(school, **params):
    """The school's latest filtering and monitoring review, within 365 days (the DfE standards: yearly)."""
    from django.urls import reverse

    from assurance.selectors import filtering_last_reviewed

    url = reverse("assurance:filtering")
    return _reviewed_within_a_year(filtering_last_reviewed(school), "filtering and monitoring review", url)


@measure("assurance.self_assessment_completed", "Share of this academic year's self-assessment statements rated")
def self_assessment_completed(school, **params):
    """Statements of this academic year's self-assessment with a rating, over all its statements."""
    from django.urls import reverse

    from assurance.selectors import self_assessment_progress

    url = reverse("assurance:self-assessment")
    year = academic_year_of()
    progress = self_assessment_progress(school, year)
    if progress is None:
        return _no_data(f"No self-assessment for {year} yet", url)
    rated, total = progress
    shortfall = [f"{total - rated} statement(s) not rated yet"] if rated < total else []
    return MeasureResult(numerator=rated, denominator=total, shortfall=shortfall, detail_url=url)
