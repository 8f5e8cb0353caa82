"""Reads of the assurance records shared by its pages and by compliance (home page, reports, live
measures, the trust overview). Each function runs a fixed number of queries, whatever the size."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Max, OuterRef, Q, Subquery
from django.db.models.functions import TruncDate

from accounts.models import School
from core.periods import term_of

from . import statements
from .models import (
    FilteringCheck,
    FilteringRecord,
    FilteringReview,
    GovernorNote,
    Heading,
    Risk,
    RiskAssessment,
    RiskReview,
    RiskSignOff,
    SelfAssessment,
    StatementRating,
)

REVIEW_EVERY = datetime.timedelta(days=365)
DUE_SOON = datetime.timedelta(days=30)


def a_year_after(day):
    """The same date a year later (28 February for 29 February)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


# The risk assessment


def risk_assessments_of(school):
    """Every risk assessment of the school, newest academic year first."""
    return RiskAssessment.objects.filter(school=school).order_by("-academic_year")


def current_risk_assessment(school):
    """The assessment being worked on: the newest one not carried over to a later year, or None."""
    return risk_assessments_of(school).filter(closed_at__isnull=True).select_related("completed_by").first()


def risks_of(assessment):
    return Risk.objects.filter(assessment=assessment).select_related("lead").order_by("position", "pk")


@dataclass
class HeadingGroup:
    heading: str  # the heading's label
    key: str
    risks: list = field(default_factory=list)


def risk_table(risks):
    """Risks grouped under the template's headings, in the headings' order (empty ones left out)."""
    groups = {key: HeadingGroup(heading=label, key=key) for key, label in Heading.choices}
    for risk in risks:
        groups[risk.heading].risks.append(risk)
    return [group for group in groups.values() if group.risks]


def rating_counts(risks):
    counts = {"high": 0, "medium": 0, "low": 0}
    for risk in risks:
        counts[risk.rating] += 1
    return counts


@dataclass
class RiskAssessmentState:
    """Where an assessment stands: reviewed when, due when, signed off and noted or not."""

    assessment: object
    last_reviewed_on: datetime.date | None
    review_due_on: datetime.date | None
    latest_review: object
    sign_off: object  # the latest RiskSignOff, or None
    note: object  # the latest GovernorNote, or None
    today: datetime.date

    @property
    def review_overdue(self):
        return self.review_due_on is not None and self.review_due_on < self.today

    @property
    def review_due_soon(self):
        return (
            self.review_due_on is not None and not self.review_overdue and self.review_due_on - self.today <= DUE_SOON
        )

    @property
    def signed_off(self):
        """Signed off by the head since its content last changed."""
        return self.sign_off is not None and self.sign_off.content_as_of >= self.assessment.changed_at

    @property
    def noted(self):
        return self.note is not None and self.note.content_as_of >= self.assessment.changed_at


def risk_assessment_state(assessment, today):
    """The state of ``assessment`` (three queries)."""
    review = RiskReview.objects.filter(assessment=assessment).select_related("reviewed_by").first()
    sign_off = RiskSignOff.objects.filter(assessment=assessment).select_related("signed_by").first()
    note = GovernorNote.objects.filter(assessment=assessment).select_related("noted_by").first()
    dates = [d for d in (review and review.reviewed_on, assessment.implemented_on) if d]
    last = max(dates) if dates else None
    return RiskAssessmentState(
        assessment=assessment,
        last_reviewed_on=last,
        review_due_on=a_year_after(last) if last else None,
        latest_review=review,
        sign_off=sign_off,
        note=note,
        today=today,
    )


def risk_assessment_last_reviewed(school):
    """The latest date any of the school's risk assessments was put in place or reviewed, or None."""
    dates = RiskAssessment.objects.filter(school=school).aggregate(
        reviewed=Max("reviews__reviewed_on"), implemented=Max("implemented_on")
    )
    found = [d for d in dates.values() if d]
    return max(found) if found else None


# The self-assessment


def self_assessments_of(school):
    return SelfAssessment.objects.filter(school=school).order_by("-academic_year")


def latest_ratings(assessment):
    """{statement key: its latest StatementRating} (one query)."""
    latest = {}
    for rating in (
        StatementRating.objects.filter(assessment=assessment).select_related("rated_by").order_by("rated_at", "pk")
    ):
        latest[rating.statement] = rating
    return latest


@dataclass
class SectionResult:
    section: object  # statements.Section
    by_level: dict  # {level number: count}
    rated: int
    below_expected: int

    @property
    def total(self):
        return len(self.section.statements)

    @property
    def unrated(self):
        return self.total - self.rated


@dataclass
class SelfAssessmentResult:
    assessment: object
    edition: object  # statements.Edition
    sections: list
    ratings: dict  # {statement key: latest rating}

    @property
    def total(self):
        return sum(s.total for s in self.sections)

    @property
    def rated(self):
        return sum(s.rated for s in self.sections)

    @property
    def below_expected(self):
        return sum(s.below_expected for s in self.sections)

    @property
    def complete(self):
        return self.total > 0 and self.rated == self.total

    @property
    def last_rated_at(self):
        return max((r.rated_at for r in self.ratings.values()), default=None)


def self_assessment_result(assessment):
    """The assessment summarised by section: how many statements at each level, rated, below expected."""
    edition = statements.load(assessment.edition)
    ratings = latest_ratings(assessment)
    sections = []
    for section in edition.sections:
        by_level = {level.number: 0 for level in edition.levels}
        rated = below = 0
        for statement in section.statements:
            rating = ratings.get(statement.key)
            if rating is None or edition.level(rating.level) is None:
                continue
            by_level[rating.level] += 1
            rated += 1
            below += edition.below_expected(rating.level)
        sections.append(SectionResult(section=section, by_level=by_level, rated=rated, below_expected=below))
    return SelfAssessmentResult(assessment=assessment, edition=edition, sections=sections, ratings=ratings)


def self_assessment_progress(school, academic_year):
    """(statements rated, statements in the edition) for the year's self-assessment, or None if none."""
    assessment = SelfAssessment.objects.filter(school=school, academic_year=academic_year).first()
    if assessment is None:
        return None
    edition = statements.load(assessment.edition)
    keys = {s.key for s in edition.statements}
    rated = set(
        StatementRating.objects.filter(assessment=assessment, statement__in=keys)
        .values_list("statement", flat=True)
        .distinct()
    )
    return len(rated), len(keys)


# Filtering and monitoring


def filtering_records_of(school):
    return FilteringRecord.objects.filter(school=school).order_by("-academic_year")


def filtering_last_reviewed(school):
    """The date of the school's latest filtering and monitoring review (any year), or None."""
    return FilteringReview.objects.filter(school=school).aggregate(last=Max("reviewed_on"))["last"]


@dataclass
class FilteringState:
    record: object
    last_review: object  # the latest FilteringReview of the school, any year
    checks_this_term: int
    gaps_this_term: int
    today: datetime.date

    @property
    def last_reviewed_on(self):
        return self.last_review.reviewed_on if self.last_review else None

    @property
    def review_due_on(self):
        return a_year_after(self.last_reviewed_on) if self.last_review else None

    @property
    def review_overdue(self):
        return self.review_due_on is None or self.review_due_on < self.today

    @property
    def review_due_soon(self):
        return not self.review_overdue and self.review_due_on - self.today <= DUE_SOON

    @property
    def responsible_named(self):
        return bool(self.record and self.record.senior_leader_id and self.record.governor_id)


def filtering_state(school, record, today):
    """Where filtering and monitoring stand today (two queries)."""
    last_review = FilteringReview.objects.filter(school=school).select_related("recorded_by").first()
    term = FilteringCheck.objects.filter(school=school, checked_on__gte=term_of(today).start, checked_on__lte=today)
    counts = term.aggregate(checks=Count("pk"), gaps=Count("pk", filter=~Q(result=FilteringCheck.Result.BLOCKED)))
    return FilteringState(
        record=record,
        last_review=last_review,
        checks_this_term=counts["checks"],
        gaps_this_term=counts["gaps"],
        today=today,
    )


def filtering_year(school, start, end):
    """The filtering and monitoring reviews (oldest first) and the checks' counts between ``start``
    and ``end``, for the annual report: (reviews, checks, gaps). Two queries."""
    reviews = list(
        FilteringReview.objects.filter(school=school, reviewed_on__gte=start, reviewed_on__lte=end).order_by(
            "reviewed_on", "pk"
        )
    )
    checks = FilteringCheck.objects.filter(school=school, checked_on__gte=start, checked_on__lte=end)
    counts = checks.aggregate(checks=Count("pk"), gaps=Count("pk", filter=~Q(result=FilteringCheck.Result.BLOCKED)))
    return reviews, counts["checks"], counts["gaps"]


# What compliance shows: the home page, the report, the overview


@dataclass
class AssuranceSummary:
    """The three instruments for one school and academic year, as the report shows them."""

    academic_year: str
    risk_assessment: object  # RiskAssessmentState, or None when the school has none for the year
    risk_counts: dict
    open_risks: int
    risk_total: int
    self_assessment: object  # SelfAssessmentResult, or None
    filtering: FilteringState
    urls: dict = field(default_factory=dict)


def assurance_summary(school, academic_year, today):
    """Everything the governors' dashboard and PDF show of the three instruments (a fixed dozen queries)."""
    assessment = (
        RiskAssessment.objects.filter(school=school, academic_year=academic_year).select_related("completed_by").first()
    )
    state, risks = None, []
    if assessment is not None:
        state = risk_assessment_state(assessment, today)
        risks = list(Risk.objects.filter(assessment=assessment).only("likelihood", "impact", "status"))
    self_assessment = SelfAssessment.objects.filter(school=school, academic_year=academic_year).first()
    record = (
        FilteringRecord.objects.filter(school=school, academic_year=academic_year)
        .select_related("senior_leader", "governor")
        .first()
    )
    return AssuranceSummary(
        academic_year=academic_year,
        risk_assessment=state,
        risk_counts=rating_counts(risks),
        open_risks=sum(1 for r in risks if r.status in (Risk.Status.OPEN, Risk.Status.IN_HAND)),
        risk_total=len(risks),
        self_assessment=self_assessment_result(self_assessment) if self_assessment else None,
        filtering=filtering_state(school, record, today),
    )


@dataclass(frozen=True)
class ReviewDates:
    risk_assessment: datetime.date | None
    self_assessment: datetime.date | None
    filtering: datetime.date | None


def last_review_dates(school_ids):
    """{school id: ReviewDates} for the trust overview: when each instrument was last reviewed
    (the self-assessment: last rated). One query for any number of schools."""
    reviewed = RiskReview.objects.filter(school=OuterRef("pk")).order_by("-reviewed_on").values("reviewed_on")[:1]
    implemented = (
        RiskAssessment.objects.filter(school=OuterRef("pk"), implemented_on__isnull=False)
        .order_by("-implemented_on")
        .values("implemented_on")[:1]
    )
    rated = (
        StatementRating.objects.filter(school=OuterRef("pk"))
        .order_by("-rated_at")
        .annotate(day=TruncDate("rated_at"))
        .values("day")[:1]
    )
    filtering = FilteringReview.objects.filter(school=OuterRef("pk")).order_by("-reviewed_on").values("reviewed_on")[:1]
    rows = School.objects.filter(pk__in=list(school_ids)).annotate(
        ra_reviewed=Subquery(reviewed),
        ra_implemented=Subquery(implemented),
        sa_rated=Subquery(rated),
        fm_reviewed=Subquery(filtering),
    )
    dates = {}
    for row in rows.values("pk", "ra_reviewed", "ra_implemented", "sa_rated", "fm_reviewed"):
        ra = [d for d in (row["ra_reviewed"], row["ra_implemented"]) if d]
        dates[row["pk"]] = ReviewDates(
            risk_assessment=max(ra) if ra else None,
            self_assessment=row["sa_rated"],
            filtering=row["fm_reviewed"],
        )
    return dates
