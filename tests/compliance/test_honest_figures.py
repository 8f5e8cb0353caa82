"""Honest figures: nothing to measure is "no data yet" (never 100%, 0% or a pass) on the dashboard,
in the report's data, the CSV and XLSX; the RAG agrees with its measure by one rule, said on the
page; and every measure's label names its document or course in words, never by its key."""

import csv
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from accounts.models import Role
from compliance.measures import NO_DATA, MeasureResult
from compliance.models import RAG, Action
from compliance.reports.report_data import school_report
from compliance.selectors import attach_measures, plan_actions
from core.periods import academic_year_of
from tests.factories import member
from training.models import Course
from training.services.courses import courses_create_defaults, training_record_create

from .factories import template_plan
from .reports_text import dashboard_figures

DASHBOARD = reverse("compliance:dashboard")
KEYS_AS_LABELS = ["(kcsie)", "(prevent-awareness)", "(safeguarding-policy)", "(report-a-concern)", "{'"]


@pytest.fixture
def empty_school(school, lead):
    """A new school: a plan from the template, but no briefing, no published document, no course."""
    template_plan(school, lead, year=academic_year_of(timezone.localdate()))
    return school


def test_an_empty_denominator_is_no_data_never_a_share():
    result = MeasureResult(numerator=0, denominator=0)
    assert result.no_data and result.percent is None and result.ratio is None
    assert MeasureResult(numerator=3, denominator=4).percent == 75


def test_the_empty_schools_report_data_says_no_data(empty_school):
    report = school_report(empty_school)
    briefing = next(m for m in report.measures if m.key == "briefings.attendance")
    assert briefing.percent == NO_DATA and briefing.share_display == NO_DATA
    for line in report.measures:
        assert line.percent not in (100, 0) or line.denominator not in (0, "—"), line.label
    for line in report.confirmations + report.training:
        if not line.required:
            assert line.percent is None and line.share_display == NO_DATA, line.label
    assert report.headline["green_percent"] is not None  # the plan has actions...
    assert report.headline["confirmations"] is None and report.headline["training"] is None  # ...nothing else
    # The figures a frozen report keeps: no data is None (words when shown), never 100.
    figures = report.figures_dict()
    assert figures["measure.briefings.attendance"]["value"] is None
    assert figures["assurance.risks"]["value"] is None


def test_the_empty_schools_dashboard_says_no_data(empty_school, governor, login):
    page = login(governor).get(DASHBOARD).content.decode()
    figures = dashboard_figures(page)
    assert figures["measure.briefings.attendance"] == NO_DATA
    assert figures["assurance.risks"] == NO_DATA
    assert "100%" not in figures.values() and "0%" not in figures.values()
    live = page.split('id="measures-heading"')[1].split("</section>")[0]
    for row in live.split("<tr>")[2:]:
        cells = [re.sub(r"<[^>]+>", "", cell).strip() for cell in row.split("<td")[1:]]
        met, out_of, share = cells[0].split(">")[-1], cells[1].split(">")[-1], cells[2].split(">")[-1]
        if out_of in ("—", "0"):
            assert met == "—" and share in (NO_DATA, "not shown"), row


def test_the_empty_schools_csv_and_xlsx_say_no_data(empty_school, lead, login):
    client = login(lead)
    text = client.get(reverse("compliance:report-csv")).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    live = rows[rows.index(["Live evidence"]) + 2 :]
    live = live[: live.index([])]
    # Words (no data yet, or no concerns this year), never a number, where there is nothing to count.
    assert live and all(not row[3].isdigit() for row in live if row[1] == "—")
    attendance = next(row for row in live if row[0] == "Share of those invited who attended the latest briefing")
    assert attendance[1:4] == ["—", "—", NO_DATA]
    plan = rows[rows.index(["Action plan"]) + 2 :]
    plan = plan[: plan.index([])]
    assert rows[rows.index(["Action plan"]) + 1][6:10] == ["RAG", "Why this RAG", "Target date", "Measure"]
    assert any(NO_DATA in row[9] for row in plan)
    assert all(row[7].startswith(row[6].capitalize() + " because") for row in plan)  # why, in words

    workbook = load_workbook(io.BytesIO(client.get(reverse("compliance:report-xlsx")).content))
    sheet = workbook["Live evidence"]
    shares = {row[0]: row[3] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert shares["Share of those invited who attended the latest briefing"] == NO_DATA
    assert 100 not in [share for name, share in shares.items() if name.startswith("Share of those invited")]


def test_no_measured_action_of_the_empty_school_is_green(empty_school):
    actions = attach_measures(empty_school, list(plan_actions(empty_school.action_plans.get())))
    measured = [a for a in actions if a.measure_result is not None and a.measure_result.no_data]
    assert measured
    for action in measured:
        if not action.measure_key.startswith("referrals."):
            assert action.rag != RAG.GREEN, action.text


def _dsl_trained(school, lead):
    dsl = member(school, Role.STAFF, Role.DSL, full_name="Dana Dsl")
    courses_create_defaults(school=school, by=lead)
    course = Course.objects.get(school=school, slug="prevent-awareness")
    training_record_create(
        school=school, by=lead, user=dsl, course=course, completed_on=timezone.localdate(), verify=True
    )
    return dsl


def test_the_dsl_trained_action_is_green_whatever_its_status_and_says_why(school, lead, login):
    """The bug: "DSL undertakes Prevent training" showed Red beside "100% (needs 100%)"."""
    plan = template_plan(school, lead, year=academic_year_of(timezone.localdate()))
    _dsl_trained(school, lead)
    action = plan.actions.get(measure_key="training.dsl_prevent")
    Action.objects.filter(pk=action.pk).update(status=Action.Status.NEEDS_ATTENTION)
    action = attach_measures(school, [Action.objects.get(pk=action.pk)])[0]
    assert action.measure_result.percent == 100
    assert action.rag == RAG.GREEN
    page = login(lead).get(reverse("compliance:action-detail", kwargs={"action_id": action.pk})).content.decode()
    assert "Green because its live evidence meets the target of 100%." in page
    assert "rag-red" not in page


@pytest.mark.parametrize("status", [s for s, _ in Action.Status.choices])
def test_no_action_shows_a_status_contradicting_its_measure(school, lead, status):
    plan = template_plan(school, lead, year=academic_year_of(timezone.localdate()))
    _dsl_trained(school, lead)
    member(school, Role.STAFF, full_name="Untrained Teacher")
    Action.objects.filter(plan=plan).update(status=status, target_date=timezone.localdate().replace(year=2000))
    for action in attach_measures(school, list(plan_actions(plan))):
        result = action.measure_result
        assert action.rag_reason.startswith(action.rag.label)
        if result is None or result.in_progress:
            continue
        if result.no_data:
            if not action.measure_key.startswith("referrals."):
                assert action.rag != RAG.GREEN
            continue
        met = result.percent >= action.threshold
        assert (action.rag == RAG.GREEN) == met, (action.text, result.percent, action.threshold, action.rag)
        if not met:
            assert (action.rag == RAG.RED) == (result.percent < action.threshold / 2)


def test_the_plan_and_the_dashboard_say_how_the_status_is_decided(school, lead, governor, login):
    template_plan(school, lead, year=academic_year_of(timezone.localdate()))
    for page in [
        login(lead).get(reverse("compliance:plan")).content.decode(),
        login(governor).get(DASHBOARD).content.decode(),
    ]:
        assert "How the status is decided" in page
        assert "green</strong> when the figure meets the action's target" in page


def test_measure_labels_name_the_document_or_course_never_its_key(school, lead, login):
    from tests.training.factories_documents import document

    template_plan(school, lead, year=academic_year_of(timezone.localdate()))
    document(school, lead, slug="kcsie", title="Keeping children safe in education")
    _dsl_trained(school, lead)
    report = school_report(school)
    labels = [m.label for m in report.measures] + [
        a.measure for area in report.plan.areas for d in area.duties for e in d.evidence for a in e.actions
    ]
    for label in labels:
        for key in KEYS_AS_LABELS:
            assert key not in label, label
    assert any("“Keeping children safe in education”" in label for label in labels)
    assert any("“Home Office Prevent awareness (course 1)”" in label for label in labels)
    # A document the school has not published yet is named by its title too.
    assert any("(not published yet)" in label for label in labels)
    page = login(lead).get(reverse("compliance:plan")).content.decode()
    action = Action.objects.get(school=school, measure_key="training.dsl_prevent")
    detail = login(lead).get(reverse("compliance:action-detail", kwargs={"action_id": action.pk})).content.decode()
    for key in KEYS_AS_LABELS:
        assert key not in page and key not in detail
    assert "The DSL(s) hold valid training in “Home Office Prevent awareness (course 1)”" in detail
