"""The governors' summary, first in the governors' report (the dashboard and the PDF): what is red
and why, what changed since the last frozen report, what is due, and questions to ask."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from compliance.models import Action, ActionPlan, Area, Duty, Evidence
from compliance.reports.report_data import school_report
from compliance.reports.snapshots import snapshot_freeze
from compliance.services import action_update
from core import periods

from .reports_text import pdf_text


def _day():
    """A day in late November of the academic year the tests run in (never a hard-coded year)."""
    return periods.academic_year().start + datetime.timedelta(days=80)


@pytest.fixture
def day():
    today = _day()
    with time_machine.travel(datetime.datetime.combine(today, datetime.time(10), tzinfo=datetime.UTC), tick=False):
        yield today


@pytest.fixture
def plan(school, day):
    plan = ActionPlan.objects.create(school=school, academic_year=periods.academic_year().academic_year, title="Plan")
    area = Area.objects.create(plan=plan, title="Leadership", position=0)
    evidence = Evidence.objects.create(duty=Duty.objects.create(area=area, text="Duty", position=0), text="Evidence")
    rows = [
        ("Name the Prevent Lead", Action.Status.NEEDS_ATTENTION, None, None),
        ("Brief the lunchtime staff", Action.Status.IN_PROGRESS, day - datetime.timedelta(days=10), None),
        ("Publish the safeguarding policy", Action.Status.IN_PLACE, None, None),
        ("Train the governors", Action.Status.IN_PROGRESS, day + datetime.timedelta(days=20), None),
        ("Review the lettings policy", Action.Status.IN_PROGRESS, day + datetime.timedelta(days=90), None),
        ("Check the speaker register", Action.Status.IN_PLACE, None, day + datetime.timedelta(days=14)),
    ]
    for n, (text, status, target, review) in enumerate(rows):
        Action.objects.create(
            school=school,
            plan=plan,
            evidence=evidence,
            text=text,
            position=n,
            status=status,
            target_date=target,
            review_date=review,
            owner_label="The Prevent Lead",
        )
    return plan


def test_it_names_each_red_action_with_the_reason(school, plan, day):
    summary = school_report(school).governors
    assert [item.text for item in summary.red] == ["Name the Prevent Lead", "Brief the lunchtime staff"]
    assert "needing attention" in summary.red[0].reason
    assert "target date" in summary.red[1].reason
    assert f"{day - datetime.timedelta(days=10):%-d %B %Y}" in summary.red[1].reason


def test_it_says_nothing_was_frozen_before_when_no_report_was(school, plan, day):
    summary = school_report(school).governors
    assert summary.snapshot is None and summary.status_changes == []


def test_it_lists_each_status_change_since_the_last_frozen_report(school, plan, lead, day):
    snapshot_freeze(school=school, period=periods.academic_year(), title="Autumn meeting", by=lead)
    action = plan.actions.get(text="Train the governors")
    with time_machine.travel(datetime.timedelta(days=1)):
        action_update(action=action, by=lead, expected_version=action.version, status=Action.Status.IN_PLACE)
        summary = school_report(school).governors
    assert summary.snapshot.title == "Autumn meeting"
    assert [(c.text, c.before, c.after, c.on) for c in summary.status_changes] == [
        ("Train the governors", "In progress", "In place", day + datetime.timedelta(days=1))
    ]


def test_it_lists_what_is_overdue_then_what_falls_due_in_the_next_six_weeks(school, plan, day):
    summary = school_report(school).governors
    assert [(item.text, item.kind, item.due_on, item.overdue) for item in summary.due] == [
        ("Brief the lunchtime staff", "target date", day - datetime.timedelta(days=10), True),
        ("Check the speaker register", "review", day + datetime.timedelta(days=14), False),
        ("Train the governors", "target date", day + datetime.timedelta(days=20), False),
    ]
    assert summary.overdue_count == 1
    assert summary.window_end == day + datetime.timedelta(weeks=6)


def test_its_questions_come_from_what_is_red_and_overdue(school, plan, day):
    questions = school_report(school).governors.questions
    assert questions[0].startswith("“Name the Prevent Lead” is red (")
    assert "needing attention" in questions[0]
    assert any(q.startswith("“Brief the lunchtime staff” (target date) was due on") for q in questions)
    assert len(questions) == 5


def test_with_nothing_wrong_it_asks_what_inspectors_ask_every_school(school, day):
    summary = school_report(school).governors
    assert summary.red == [] and summary.due == [] and not summary.has_plan
    assert any("risk assessment" in q for q in summary.questions)
    assert any("filtering and monitoring" in q for q in summary.questions)


def test_the_dashboard_and_the_pdf_put_it_before_the_detail(school, plan, governor, login, day):
    client = login(governor)
    page = client.get(reverse("compliance:dashboard")).content.decode()
    assert page.index("Governors' summary") < page.index("Headline figures") < page.index("The action plan by area")
    assert "marked as needing attention" in page
    assert "No report has been frozen yet, so there is nothing to compare with." in page

    text = pdf_text(client.get(reverse("compliance:report-pdf")).content)
    body = text[text.index("Contents") :]
    body = body[body.index("Sign-off by the governing body") :]  # past the contents list
    assert body.index("Governors' summary") < body.index("Headline figures") < body.index("The action plan")
    for words in [
        "What is red, and why",
        "Name the Prevent Lead",
        "What is due",
        "Questions governors may want to ask",
    ]:
        assert words in body
