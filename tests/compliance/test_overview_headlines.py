"""The overview's stored headline figures: equal to the dashboard's, refreshed by the dashboard
and nightly, read for every school in a fixed number of queries."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from compliance.models import SchoolHeadline
from compliance.reports.headlines import MISSING_PER_REQUEST, headline_refresh
from compliance.reports.report_data import school_report
from core import periods
from tests.factories import SchoolFactory, member

from ..background.jobs import overview_pdf
from .reports_text import pdf_text
from .reports_world import fill_school

OVERVIEW = reverse("compliance:overview")


def _schools(organisation, count):
    return [SchoolFactory(name=f"Headline School {n:02d}", organisation=organisation) for n in range(count)]


def test_it_stores_exactly_the_dashboards_headline(school, lead):
    fill_school(school, lead, size=2)
    period = periods.academic_year()
    headline = headline_refresh(school.pk, period.key)
    assert headline.figures == school_report(school, period).headline
    assert headline.period_key == period.key and headline.period_label == period.label


def test_viewing_the_dashboard_refreshes_the_schools_figures(school, lead, login):
    fill_school(school, lead)
    login(lead).get(reverse("compliance:dashboard"))
    stored = SchoolHeadline.objects.get(school=school, period_key=periods.academic_year().key)
    assert stored.figures["referrals"] == "fewer than 5"  # even from the Lead's dashboard
    fill_school(school, lead, size=5)  # five more concerns
    login(lead).get(reverse("compliance:dashboard"))
    stored.refresh_from_db()
    assert stored.figures["referrals"] == 6
    assert SchoolHeadline.objects.filter(school=school).count() == 1


def test_the_overview_shows_stored_figures_and_when_they_were_computed(school, lead, trust, login):
    fill_school(school, lead)
    headline = headline_refresh(school.pk)
    SchoolHeadline.objects.filter(pk=headline.pk).update(figures={**headline.figures, "referrals": 7})
    response = login(trust).get(OVERVIEW)
    assert response.context["rows"][0]["headline"]["referrals"] == 7  # stored, not recomputed
    assert "Figures as of" in response.content.decode()


@pytest.mark.parametrize("count", [3, 12])
def test_the_overview_reads_every_schools_figures_in_a_fixed_number_of_queries(
    count, school, trust, login, django_assert_num_queries
):
    schools = [school, *_schools(school.organisation, count - 1)]
    period = periods.academic_year()
    for each in schools:
        headline_refresh(each.pk, period.key)
    client = login(trust)
    client.get(OVERVIEW)  # the session's first request
    # ...one for every school's last review of its risk assessment, self-assessment and filtering,
    # and the officer's schools read again for the list (the middleware looked up the current one only).
    with django_assert_num_queries(13):
        response = client.get(OVERVIEW, {"sort": "-red"})
    assert len(response.context["rows"]) == count


def test_schools_without_figures_are_listed_last_and_a_few_are_computed_per_view(school, trust, login):
    _schools(school.organisation, MISSING_PER_REQUEST + 3)
    client = login(trust)
    response = client.get(OVERVIEW, {"sort": "-referrals"})
    rows = response.context["rows"]
    assert len(rows) == MISSING_PER_REQUEST + 4
    assert [row["headline"] is None for row in rows] == [False] * MISSING_PER_REQUEST + [True] * 4
    assert response.context["missing"] == 4
    assert "Not computed yet" in response.content.decode()
    assert client.get(OVERVIEW).context["missing"] == 0  # complete after the next view
    assert "Not computed yet" not in client.get(OVERVIEW).content.decode()


def test_it_sorts_every_school_by_each_figure(school, lead, trust, login):
    fill_school(school, lead, size=2)
    second = SchoolFactory(name="Arthur Mellows Village College", organisation=school.organisation)
    fill_school(second, member(second, "prevent_lead"), size=1)
    SchoolFactory(name="Bourne Academy", organisation=school.organisation)  # no plan
    call_command("refresh_headlines", stdout=None)
    client = login(trust)
    by_green = client.get(OVERVIEW, {"sort": "-green_percent"}).context["rows"]
    assert by_green[-1]["school"].name == "Bourne Academy"  # no plan: last either way
    assert client.get(OVERVIEW, {"sort": "green_percent"}).context["rows"][-1]["school"].name == "Bourne Academy"
    by_name = client.get(OVERVIEW, {"sort": "-name"}).context["rows"]
    assert [row["school"].name for row in by_name][0] == school.name


def test_the_command_refreshes_every_school_or_one_organisations(school, other_school, capsys):
    call_command("refresh_headlines", organisation=school.organisation_id)
    assert list(SchoolHeadline.objects.values_list("school", flat=True)) == [school.pk]
    call_command("refresh_headlines")
    assert SchoolHeadline.objects.count() == 2
    assert "2/2 schools" in capsys.readouterr().out


def test_the_combined_pdf_is_one_table_from_the_stored_figures(school, lead, trust, login):
    fill_school(school, lead)
    schools = _schools(school.organisation, 3)
    call_command("refresh_headlines")
    text = pdf_text(overview_pdf(login(trust))[1])  # built by a background job
    assert all(each.name in text for each in schools)
    assert "Page 1 of 1" in text  # a row per school, no chapter per school
