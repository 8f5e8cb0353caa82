"""Statistics for governors and the trust: counts by term, nothing that identifies a case."""

import datetime
import html
import re

import pytest
import time_machine
from django.urls import reverse

from core import periods
from referrals import demo
from referrals.models import Case, Decision
from referrals.selectors import referral_statistics

from .factories import make_case, make_decision


@pytest.fixture
def cases(world):
    autumn = make_case(
        world.school,
        world.lead,
        raised_on=datetime.date(2025, 10, 6),
        summary="Autumn summary text",
        pupil_identifier="CPOMS-AUT1",
    )
    make_decision(autumn, world.lead, kind=Decision.Kind.SEEK_ADVICE, decided_on=datetime.date(2025, 10, 7))
    make_decision(autumn, world.lead, kind=Decision.Kind.PREVENT_REFERRAL, decided_on=datetime.date(2026, 1, 12))
    spring = make_case(
        world.school,
        world.dsl,
        raised_on=datetime.date(2026, 2, 2),
        summary="Spring summary text",
        pupil_identifier="CPOMS-SPR1",
    )
    make_decision(spring, world.dsl, kind=Decision.Kind.NO_FURTHER_ACTION, decided_on=datetime.date(2026, 2, 3))
    Case.objects.filter(pk=spring.pk).update(closed_on=datetime.date(2026, 2, 10), outcome="nfa")
    return [autumn, spring]


def test_it_counts_by_term(world, cases):
    autumn, spring, summer = periods.terms("2025/26")
    assert referral_statistics(world.school, autumn.start, autumn.end)["opened"] == 1
    spring_counts = referral_statistics(world.school, spring.start, spring.end)
    assert spring_counts["opened"] == 1
    assert spring_counts["decisions"]["prevent"] == 1
    assert spring_counts["decisions"]["nfa"] == 1
    assert spring_counts["outcomes"]["nfa"] == 1
    assert spring_counts["closed"] == 1
    assert referral_statistics(world.school, summer.start, summer.end)["opened"] == 0
    assert referral_statistics(world.other_school, autumn.start, spring.end)["opened"] == 0


def test_it_reads_the_statistics_in_three_queries_whatever_the_data(world, cases, django_assert_num_queries):
    term = periods.terms("2025/26")[1]
    with django_assert_num_queries(3):
        referral_statistics(world.school, term.start, term.end)
    for n in range(5):
        make_decision(make_case(world.school, world.lead, raised_on=datetime.date(2026, 3, 1 + n)), world.lead)
    with django_assert_num_queries(3):
        referral_statistics(world.school, term.start, term.end)


@pytest.mark.parametrize("persona", ["governor", "trust", "head", "lead"])
def test_it_shows_counts_and_nothing_that_identifies_a_case(world, cases, login, persona):
    demo.seed(world.school)
    response = login(getattr(world, persona)).get(reverse("referrals:statistics"), {"year": "2025/26"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Cases opened" in html
    for case in Case.objects.all():
        assert case.reference not in html
        assert case.pupil_identifier not in html
        assert case.summary not in html
        for decision in case.decisions.all():
            assert decision.rationale not in html
    assert "PRV-" not in html
    assert "CPOMS-" not in html


def test_a_past_years_report_links_its_concerns_to_that_years_statistics(world, cases, login):
    """Found: the academic year was an int (2025) on this page and a label ("2025/26") in the
    reports, so the dashboard of 2025/26, seen in 2026/27, linked its count of concerns to the
    statistics of 2026/27: a governor who followed the number saw other numbers."""
    client = login(world.governor)
    with time_machine.travel(datetime.datetime(2026, 10, 15, 10, tzinfo=datetime.UTC), tick=False):
        dashboard = client.get(reverse("compliance:dashboard"), {"period": "2025/26"}).content.decode()
        link = re.search(r'Concerns recorded</th><td class="text-end"><a href="([^"]+)"', dashboard)
        assert link, "the dashboard does not link its count of concerns"
        page = client.get(html.unescape(link[1])).content.decode()
    assert "statistics for 2025/26" in page
    assert '<option value="2025/26" selected>' in page


def test_it_is_not_for_staff(world, login):
    assert login(world.staff).get(reverse("referrals:statistics")).status_code == 403


def test_it_falls_back_to_the_current_year_for_a_strange_year(world, login):
    response = login(world.governor).get(reverse("referrals:statistics"), {"year": "banana"})
    assert response.status_code == 200


def test_it_measures_decisions_recorded_and_actions_done_on_time(world):
    from referrals.selectors import agreed_action_timeliness, decision_coverage

    from .factories import make_action

    decided = make_case(world.school, world.lead, raised_on=datetime.date(2026, 9, 10))
    make_decision(decided, world.lead)
    make_case(world.school, world.lead, raised_on=datetime.date(2026, 9, 11))
    assert decision_coverage(world.school, datetime.date(2026, 9, 1), datetime.date(2027, 8, 31)) == (1, 2)

    on_time = make_action(decided, world.lead, due_on=datetime.date(2026, 10, 1))
    make_action(decided, world.lead, due_on=datetime.date(2026, 10, 2))  # never done
    make_action(decided, world.lead, due_on=datetime.date(2026, 12, 31))  # not yet due
    type(on_time).objects.filter(pk=on_time.pk).update(done_on=datetime.date(2026, 9, 30))
    assert agreed_action_timeliness(world.school, today=datetime.date(2026, 11, 1)) == (1, 2)


def test_it_gives_the_action_plan_counts_that_name_no_case(world):
    from compliance.measures import REGISTRY

    case = make_case(world.school, world.lead, raised_on=datetime.date.today())
    result = REGISTRY["referrals.decisions_recorded"].compute(world.school)
    assert (result.numerator, result.denominator) == (0, 1)
    assert case.reference not in " ".join(result.shortfall)
    result = REGISTRY["referrals.agreed_actions_on_time"].compute(world.school)
    assert (result.numerator, result.denominator) == (0, 0)
