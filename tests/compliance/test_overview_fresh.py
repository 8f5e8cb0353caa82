"""The trust overview stays fresh: a change that feeds a school's figures recomputes them once it
commits (debounced), with "as of" times; the dates that matter, filters by figure and totals, in
a number of queries that does not grow with the number of schools."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from compliance.models import Action, ActionPlan, SchoolHeadline
from compliance.reports import headlines
from core.periods import academic_year_of
from tests.factories import SchoolFactory, member
from training.models import Course
from training.services.courses import courses_create_defaults, training_record_create

from .factories import template_plan

OVERVIEW = reverse("compliance:overview")


def _this_year():
    return academic_year_of(timezone.localdate())


def _later(minutes):
    return time_machine.travel(timezone.now() + datetime.timedelta(minutes=minutes), tick=False)


def test_a_school_that_creates_its_plan_shows_it_without_anyone_opening_its_dashboard(
    school, lead, trust, login, django_capture_on_commit_callbacks
):
    headline = headlines.headline_refresh(school.pk)
    assert headline.figures["actions"] == 0
    with _later(5):
        with django_capture_on_commit_callbacks(execute=True):
            template_plan(school, lead, year=_this_year())
        stored = SchoolHeadline.objects.get(school=school)
        # Recomputed on commit, before anyone reads a page.
        assert stored.figures["actions"] > 0 and stored.stale_since is None
        assert stored.computed_at > headline.computed_at
        response = login(trust).get(OVERVIEW)
    row = response.context["rows"][0]
    assert row["headline"]["actions"] == stored.figures["actions"] and not row["stale"]
    assert "no plan" not in response.content.decode().split("<tbody>")[1].split("</tbody>")[0]
    assert SchoolHeadline.objects.get(school=school).computed_at == stored.computed_at  # not recomputed by the read


def test_changes_within_the_interval_mark_the_figures_stale_and_the_next_read_refreshes_them(
    school, lead, trust, login, django_capture_on_commit_callbacks
):
    plan = template_plan(school, lead, year=_this_year())
    first = headlines.headline_refresh(school.pk)
    with _later(0.5):  # within REFRESH_INTERVAL: debounced
        with django_capture_on_commit_callbacks(execute=True):
            Action.objects.filter(plan=plan).first().delete()
        stored = SchoolHeadline.objects.get(school=school)
        assert stored.stale_since is not None and stored.figures == first.figures
        page = login(trust).get(OVERVIEW)
    assert page.context["rows"][0]["headline"]["actions"] == first.figures["actions"] - 1  # refreshed on read
    assert SchoolHeadline.objects.get(school=school).stale_since is None


def test_the_command_refreshes_only_stale_figures(school, lead, django_capture_on_commit_callbacks):
    other = SchoolFactory(name="Bourne Academy", organisation=school.organisation)
    headlines.headline_refresh(school.pk)
    untouched = headlines.headline_refresh(other.pk)
    with _later(0.5), django_capture_on_commit_callbacks(execute=True):
        template_plan(school, lead, year=_this_year())
    assert SchoolHeadline.objects.get(school=school).stale_since is not None
    call_command("refresh_headlines", "--stale", stdout=open("/dev/null", "w"))  # noqa: SIM115
    fresh = SchoolHeadline.objects.get(school=school)
    assert fresh.stale_since is None and fresh.figures["actions"] > 0
    assert SchoolHeadline.objects.get(school=other).computed_at == untouched.computed_at


def test_many_changes_in_one_transaction_ask_for_one_refresh(school, lead, django_capture_on_commit_callbacks):
    plan = template_plan(school, lead, year=_this_year())
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        for action in Action.objects.filter(plan=plan)[:5]:
            action.status = Action.Status.IN_PLACE
            action.save()
    assert len([c for c in callbacks if isinstance(c, headlines._Refresh)]) == 1


def test_a_training_record_or_a_confirmation_asks_for_a_refresh(school, lead, django_capture_on_commit_callbacks):
    from tests.training.factories_documents import document
    from training.services.documents import acknowledgement_confirm

    courses_create_defaults(school=school, by=lead)
    doc = document(school, lead)
    with django_capture_on_commit_callbacks() as callbacks:
        training_record_create(
            school=school,
            by=lead,
            user=lead,
            course=Course.objects.get(school=school, slug="prevent-awareness"),
            completed_on=timezone.localdate(),
            verify=True,
        )
    assert [c.school_id for c in callbacks if isinstance(c, headlines._Refresh)] == [school.pk]
    with django_capture_on_commit_callbacks() as callbacks:
        acknowledgement_confirm(user=lead, version=doc.current_version, statement="I have read Part one.")
    assert [c.school_id for c in callbacks if isinstance(c, headlines._Refresh)] == [school.pk]


def _school_with_dates(school, lead, *, plan_review, dsl_completed):
    plan = template_plan(school, lead, year=_this_year())
    ActionPlan.objects.filter(pk=plan.pk).update(next_review_on=plan_review)
    courses_create_defaults(school=school, by=lead)
    dsl = member(school, Role.STAFF, Role.DSL, full_name=f"Dsl of {school.name}")
    training_record_create(
        school=school,
        by=lead,
        user=dsl,
        course=Course.objects.get(school=school, slug="dsl-training"),
        completed_on=dsl_completed,
        verify=True,
    )
    return plan


def test_it_shows_the_dates_that_matter_filters_by_figure_and_totals(school, lead, trust, login):
    from tests.training.factories_documents import document
    from training.services.documents import acknowledgement_confirm

    today = timezone.localdate()
    # School A: plan review passed, DSL training lapsing within 60 days, KCSIE confirmed by 1 of 2.
    _school_with_dates(school, lead, plan_review=today, dsl_completed=today - datetime.timedelta(days=700))
    ActionPlan.objects.filter(school=school).update(next_review_on=today - datetime.timedelta(days=1))
    doc = document(school, lead, slug="kcsie", label="2026")
    acknowledgement_confirm(user=lead, version=doc.current_version, statement="I have read Part one.")
    # School B: all in date, no KCSIE published (no data yet).
    second = SchoolFactory(name="Arthur Mellows Village College", organisation=school.organisation)
    second_lead = member(second, Role.STAFF, Role.PREVENT_LEAD)
    _school_with_dates(second, second_lead, plan_review=today + datetime.timedelta(days=100), dsl_completed=today)
    for each in (school, second):
        headlines.headline_refresh(each.pk)
    client = login(trust)

    page = client.get(OVERVIEW).content.decode()
    body = page.split("<tbody>")[1].split("</tbody>")[0]
    first_row, second_row = body.split("</tr>")[:2]
    assert school.name in second_row and second.name in first_row  # by name
    assert "(passed)" in second_row and "(lapsing soon)" in second_row
    assert "of 2026" in second_row and "no data yet" in first_row
    assert "update pending" not in body
    totals = page.split("<tfoot>")[1].split("</tfoot>")[0]
    assert "All 2 schools shown" in totals and "1 passed or not set" in totals and "1 to act on" in totals

    for show in ["plan_review", "dsl_training", "kcsie"]:
        rows = client.get(OVERVIEW, {"show": show}).context["rows"]
        names = [row["school"].name for row in rows]
        if show == "kcsie":
            assert names == [second.name, school.name]  # no data yet needs attention too
        else:
            assert names == [school.name], show
    response = client.get(OVERVIEW, {"show": "red"})
    assert "Show all schools" in response.content.decode()
    assert client.get(OVERVIEW, {"show": "nonsense"}).context["shown"] == ""


@pytest.mark.parametrize("count", [3, 12])
def test_filters_sorts_and_totals_keep_the_query_count_whatever_the_number_of_schools(
    count, school, trust, login, django_assert_num_queries
):
    schools = [school] + [
        SchoolFactory(name=f"Fresh School {n:02d}", organisation=school.organisation) for n in range(count - 1)
    ]
    for each in schools:
        headlines.headline_refresh(each.pk)
    client = login(trust)
    client.get(OVERVIEW)  # the session's first request
    # The same queries as the plain overview: the filters, dates and totals are worked out in Python.
    with django_assert_num_queries(13):
        response = client.get(OVERVIEW, {"sort": "-kcsie", "show": "risk_assessment"})
    assert len(response.context["rows"]) == count  # none has reviewed its risk assessment


def test_a_dashboard_seen_again_writes_the_headline_only_when_it_changed(school, lead, governor, login):
    template_plan(school, lead, year=_this_year())
    client = login(governor)
    client.get(reverse("compliance:dashboard"))
    stored = SchoolHeadline.objects.get(school=school)
    with _later(5):
        client.get(reverse("compliance:dashboard"))
    assert SchoolHeadline.objects.get(school=school).computed_at == stored.computed_at  # the same figures
    for change in ({"figures": {}}, {"stale_since": timezone.now()}):  # figures that no longer hold; marked stale
        SchoolHeadline.objects.filter(pk=stored.pk).update(**change)
        with _later(10):
            client.get(reverse("compliance:dashboard"))
        fresh = SchoolHeadline.objects.get(school=school)
        assert fresh.figures == stored.figures and fresh.stale_since is None
        assert fresh.computed_at > stored.computed_at
        stored = fresh
