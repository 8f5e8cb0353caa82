"""The live measures of the three instruments: honest, so nothing recorded is "no data", never a pass."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from assurance.models import RiskAssessment
from assurance.services import risk_assessment as services
from compliance.measures import REGISTRY
from compliance.models import Action
from compliance.selectors import attach_measures
from tests.compliance.factories import template_plan

from . import factories as f

KEYS = ["assurance.risk_assessment_reviewed", "assurance.filtering_reviewed", "assurance.self_assessment_completed"]


@pytest.mark.parametrize("key", KEYS)
def test_with_nothing_recorded_a_measure_is_no_data_and_not_met(key, school):
    result = REGISTRY[key].compute(school)
    assert result.no_data
    assert result.percent is None and result.shortfall


def test_the_risk_assessment_counts_as_reviewed_for_a_year_from_its_last_review(school, lead):
    today = timezone.localdate()
    f.risk_assessment(school, lead, implemented_on=today - datetime.timedelta(days=400))
    result = REGISTRY["assurance.risk_assessment_reviewed"].compute(school)
    assert not result.no_data and result.percent == 0
    assert result.shortfall == [f"Last review of the risk assessment: {today - datetime.timedelta(days=400):%d %B %Y}"]
    services.risk_review_record(
        assessment=RiskAssessment.objects.get(), by=lead, nonce="r", reviewed_on=today, reason="annual", notes="x"
    )
    assert REGISTRY["assurance.risk_assessment_reviewed"].compute(school).percent == 100


def test_filtering_counts_as_reviewed_within_365_days(school, lead):
    record = f.filtering(school, lead)
    f.filtering_review(record, lead, reviewed_on=timezone.localdate() - datetime.timedelta(days=366))
    assert REGISTRY["assurance.filtering_reviewed"].compute(school).percent == 0
    f.filtering_review(record, lead, reviewed_on=timezone.localdate() - datetime.timedelta(days=10))
    assert REGISTRY["assurance.filtering_reviewed"].compute(school).percent == 100


def test_the_self_assessment_measure_is_the_share_of_statements_rated(school, lead):
    assessment = f.self_assessment(school, lead)
    f.rate(assessment, lead, "lm-policy")
    f.rate(assessment, lead, "lm-policy", level=3)  # rated again: still one statement
    f.rate(assessment, lead, "tr-dsl")
    result = REGISTRY["assurance.self_assessment_completed"].compute(school)
    assert (result.numerator, result.denominator) == (2, 35)


def test_an_action_linked_to_a_measure_with_no_data_is_never_green_and_says_so(login, lead, school):
    plan = template_plan(school, lead, year=f.this_year())
    action = plan.actions.order_by("pk").first()
    Action.objects.filter(pk=action.pk).update(measure_key="assurance.filtering_reviewed", status="in_place")
    action = attach_measures(school, [Action.objects.get(pk=action.pk)])[0]
    # In place, but with nothing to measure it cannot be green (compliance.models.Action.rag_decision).
    assert action.rag == "amber"
    page = login(lead).get(reverse("compliance:action-detail", kwargs={"action_id": action.pk})).content.decode()
    assert "no data yet</strong>, so it is not met" in page
    assert "Amber because its live evidence has no data yet, so it cannot be green." in page


def test_the_dashboard_shows_no_data_rather_than_a_share(login, governor, school):
    page = login(governor).get(reverse("compliance:dashboard")).content.decode()
    summary = page[page.index('data-figure="measure.assurance.filtering_reviewed"') :]
    assert summary[: summary.index("</td>")].endswith(">no data yet</a>\n")
    live = page[page.index('id="measures-heading"') :]
    row = live[live.index("Filtering and monitoring were reviewed within the last 12 months") :]
    cells = row[: row.index("</tr>")]
    assert '<td class="text-end">—</td><td class="text-end">—</td>' in cells
    assert ">no data yet</a>" in cells and ">0%<" not in cells
