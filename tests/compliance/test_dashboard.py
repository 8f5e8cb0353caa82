"""The governors' dashboard: every section, links for those allowed, changes, empty states."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from compliance.models import ReportSnapshot

from .reports_text import dashboard_figures
from .reports_world import PUPIL_IDENTIFIER, SUMMARY, fill_school

DASHBOARD = reverse("compliance:dashboard")


def test_it_shows_every_section_to_a_governor(school, lead, governor, login):
    fill_school(school, lead, template=True)
    page = login(governor).get(DASHBOARD).content.decode()
    for heading in [
        "The action plan by area",
        "Live evidence",
        "Documents read and confirmed",
        "Training",
        "External speakers and lettings",
        "Prevent concerns (counts only)",
        "What changed since the last frozen report",
    ]:
        assert heading in page
    assert "<svg" in page and "<title id=" in page and 'role="img"' in page  # charts with a text alternative
    assert "Risk assessment" in page  # an area of the template plan
    assert PUPIL_IDENTIFIER not in page and SUMMARY not in page
    assert 'style="' not in page


def test_it_links_numbers_to_lists_only_for_those_who_may_see_them(school, lead, governor, login):
    fill_school(school, lead)
    progress = reverse("training:document-progress", args=[school.documents.get().pk])
    assert progress in login(lead).get(DASHBOARD).content.decode()
    governor_page = login(governor).get(DASHBOARD).content.decode()
    assert progress not in governor_page  # governors do not see who has not confirmed
    assert reverse("training:matrix") not in governor_page  # nor the training matrix, from any figure
    assert reverse("training:matrix") in login(lead).get(DASHBOARD).content.decode()
    assert reverse("speakers:register") in governor_page  # but may see the speaker register


def test_it_shows_what_changed_since_the_last_frozen_report(school, lead, governor, login):
    fill_school(school, lead)
    figures = dashboard_figures(login(governor).get(DASHBOARD).content.decode())
    ReportSnapshot.objects.create(
        school=school,
        period_key="2026/27",
        period_label="Academic year 2026/27",
        title="Summer meeting",
        created_by=lead,
        file="report-snapshots/x.pdf",
        filename="x.pdf",
        sha256="0" * 64,
        size=1,
        figures={"referrals.opened": {"label": "Prevent concerns recorded", "value": 7, "unit": ""}},
    )
    page = login(governor).get(DASHBOARD).content.decode()
    assert "Summer meeting" in page
    assert "Then" in page and ">7</td>" in page
    assert f">{figures['referrals.opened']}</td>" in page


def test_it_says_so_when_there_is_no_plan_or_data_yet(school, lead, login):
    page = login(lead).get(DASHBOARD).content.decode()
    assert "The school has no action plan yet." in page
    assert "No documents have been published" in page
    assert "No report has been frozen yet." in page
    assert "Freeze the report" in page  # the Lead may freeze


def test_governors_cannot_freeze_from_it(school, lead, governor, login):
    fill_school(school, lead)
    page = login(governor).get(DASHBOARD).content.decode()
    assert reverse("compliance:report-pdf") in page
    assert reverse("compliance:snapshot-create") not in page


def test_it_is_refused_to_staff_and_the_dsl(school, staff, dsl, login):
    assert login(staff).get(DASHBOARD).status_code == 403
    assert login(dsl).get(DASHBOARD).status_code == 403


def test_a_bad_period_falls_back_to_this_year(school, lead, governor, login):
    fill_school(school, lead)
    response = login(governor).get(DASHBOARD, {"period": "1999/2000-winter"})
    assert response.status_code == 200
    assert response.context["report"].period.key == response.context["report"].period.academic_year


def test_it_runs_the_same_number_of_queries_whatever_the_size(school, lead, governor, login, django_assert_num_queries):
    fill_school(school, lead, size=1)
    client = login(governor)
    client.get(DASHBOARD)  # warm up: sessions, caches
    # Session, user, memberships and schools; the plan and its actions; each registered live
    # measure once (its own selector's fixed queries, so the total moves as measures are added);
    # documents, training, speakers and referrals (a fixed few each); the last snapshot.
    with CaptureQueriesContext(connection) as small:
        assert client.get(DASHBOARD).status_code == 200
    small = len(small)  # now: the query log keeps only the latest queries
    assert small < 80
    fill_school(school, lead, size=4)  # more actions, staff, confirmations, records, cases
    client.get(DASHBOARD)  # the changed figures stored for the overview, as the first view stored them
    with django_assert_num_queries(small):
        assert client.get(DASHBOARD).status_code == 200
