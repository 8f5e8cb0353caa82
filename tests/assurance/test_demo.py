"""The demo school: a completed risk assessment, a self-assessment part-done with two actions
raised from it, and a filtering review with this term's checks; running the demo again changes nothing."""

import pytest
from django.utils import timezone

from accounts.models import School
from assurance import demo as assurance_demo
from assurance.models import FilteringCheck, FilteringReview, Risk, RiskAssessment, StatementRating
from assurance.selectors import assurance_summary
from compliance import demo_assurance as plan_assurance_demo
from compliance.models import ActionSource
from core.periods import term_of

from . import factories as f


@pytest.fixture
def demo_school(db, seeded_demo):
    return School.objects.get(pk=seeded_demo)


def _counts():
    return [
        model.objects.count()
        for model in (RiskAssessment, Risk, StatementRating, FilteringReview, FilteringCheck, ActionSource)
    ]


def test_the_demo_school_has_all_three_and_running_it_again_changes_nothing(demo_school):
    today = timezone.localdate()
    summary = assurance_summary(demo_school, f.this_year(), today)
    state = summary.risk_assessment
    assert state.signed_off and state.noted and state.latest_review is not None
    assert summary.risk_total >= 5 and summary.risk_counts["high"] >= 1
    result = summary.self_assessment
    assert 0 < result.rated < result.total and result.below_expected == 2
    raised = ActionSource.objects.filter(school=demo_school, rating__isnull=False, raised=True)
    assert raised.count() == 2
    assert summary.filtering.responsible_named and summary.filtering.last_review is not None
    assert summary.filtering.checks_this_term >= 5
    assert all(c.checked_on >= term_of(today).start for c in FilteringCheck.objects.filter(school=demo_school))

    before = _counts()
    assurance_demo.seed(demo_school)
    plan_assurance_demo.seed(demo_school)
    assert _counts() == before
