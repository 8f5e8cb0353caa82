"""Small referral counts: "fewer than 5" for everyone but those who see the cases (Lead, DSL).

Issue 14 (Low): exact small counts of Prevent concerns reached governors, trust officers and
heads on the dashboard, the PDF, the CSV and XLSX tables, the trust overview and the statistics
page. In a school a count of 1 or 2 can point at a pupil. Every output is read here as the
viewer receives it.
"""

import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from compliance.models import Action, ReportSnapshot, SchoolHeadline
from core import periods
from referrals.disclosure import FEWER_THAN_5, SHARE_NOT_SHOWN
from tests.factories import SchoolFactory
from tests.referrals.factories import make_case, make_decision

from ..background.jobs import overview_pdf
from .factories import sized_plan
from .reports_text import dashboard_figures, pdf_text

pytestmark = pytest.mark.django_db
DASHBOARD = reverse("compliance:dashboard")
REFERRAL_FIGURES = ["referrals.opened", "referrals.closed", "referrals.decision.advice"]


def _concerns(school, lead, n):
    for _ in range(n):
        make_decision(make_case(school, lead, raised_on=timezone.localdate()), lead, decided_on=timezone.localdate())


@pytest.fixture
def three_concerns(school, lead):
    """A plan with an action linked to the referral measure, and three concerns, each decided."""
    plan = sized_plan(school, 3)
    Action.objects.filter(plan=plan, position=0).update(measure_key="referrals.decisions_recorded")
    _concerns(school, lead, 3)
    return school


def _csv_rows(response):
    return [line.split(",") for line in response.content.decode("utf-8-sig").splitlines()]


@pytest.mark.parametrize("persona", ["governor", "head"])
def test_small_referral_counts_on_the_dashboard_read_fewer_than_5(three_concerns, login, request, persona):
    page = login(request.getfixturevalue(persona)).get(DASHBOARD).content.decode()
    figures = dashboard_figures(page)
    for key in REFERRAL_FIGURES:
        assert figures[key] == FEWER_THAN_5, key
    assert figures["measure.referrals.decisions_recorded"] == SHARE_NOT_SHOWN
    section = page.split('id="referrals-heading"')[1].split("</section>")[0]
    assert not re.search(r">\s*\d+\s*<", section)


def test_small_referral_counts_on_the_dashboard_are_exact_for_the_lead(three_concerns, lead, login):
    figures = dashboard_figures(login(lead).get(DASHBOARD).content.decode())
    assert figures["referrals.opened"] == "3"
    assert figures["referrals.decision.advice"] == "3"
    assert figures["measure.referrals.decisions_recorded"] == "100%"


def test_small_referral_counts_are_exact_for_a_head_who_sees_the_cases(three_concerns, head, login):
    three_concerns.head_sees_referrals = True
    three_concerns.save()
    assert dashboard_figures(login(head).get(DASHBOARD).content.decode())["referrals.opened"] == "3"


def test_small_referral_counts_of_5_or_more_are_shown_to_governors(school, lead, governor, login):
    _concerns(school, lead, 6)
    figures = dashboard_figures(login(governor).get(DASHBOARD).content.decode())
    assert figures["referrals.opened"] == "6"
    assert figures["referrals.closed"] == FEWER_THAN_5  # none closed: still a small count


def test_small_referral_counts_in_the_pdf(three_concerns, lead, governor, login):
    governors = pdf_text(login(governor).get(reverse("compliance:report-pdf")).content)
    assert "Concerns recorded fewer than 5" in governors
    assert "Concerns recorded 3" not in governors
    assert "Prevent concerns with a decision recorded not shown" in governors  # the live evidence table
    leads = pdf_text(login(lead).get(reverse("compliance:report-pdf")).content)
    assert "Concerns recorded 3" in leads


def test_small_referral_counts_in_the_csv(three_concerns, lead, governor, login):
    rows = _csv_rows(login(governor).get(reverse("compliance:report-csv")))
    assert ["Recorded", FEWER_THAN_5] in rows
    assert ["Prevent concerns recorded", FEWER_THAN_5] in rows
    evidence = [r for r in rows if r[0].startswith("Share of this academic year's Prevent concerns") and len(r) == 5]
    assert evidence and evidence[0][1:4] == [FEWER_THAN_5, FEWER_THAN_5, SHARE_NOT_SHOWN]
    plan_measures = [r for r in rows if len(r) > 9 and "Prevent concerns" in r[9]]
    assert plan_measures and all(re.search(r"\d+%\s*\(needs", r[9]) is None for r in plan_measures)
    assert ["Recorded", "3"] in _csv_rows(login(lead).get(reverse("compliance:report-csv")))


def test_small_referral_counts_in_the_xlsx(three_concerns, governor, login):
    workbook = load_workbook(io.BytesIO(login(governor).get(reverse("compliance:report-xlsx")).content))
    summary = {row[0]: row[1] for row in workbook["Summary"].iter_rows(min_row=2, values_only=True)}
    assert summary["Prevent concerns recorded"] == FEWER_THAN_5
    concerns = {row[0]: row[1] for row in workbook["Prevent concerns (counts only)"].iter_rows(values_only=True)}
    assert concerns["Recorded"] == FEWER_THAN_5
    values = [c for sheet in workbook for row in sheet.iter_rows(values_only=True) for c in row]
    assert 3 not in values[values.index("Recorded") :]


def test_small_referral_counts_on_the_trust_overview(three_concerns, lead, trust, login):
    # The Lead's dashboard stores the overview's headline: it must not store the exact count.
    login(lead).get(DASHBOARD)
    assert SchoolHeadline.objects.get(school=three_concerns).figures["referrals"] == FEWER_THAN_5
    client = login(trust)
    rows = client.get(reverse("compliance:overview")).context["rows"]
    assert rows[0]["headline"]["referrals"] == FEWER_THAN_5
    assert client.get(reverse("compliance:overview"), {"sort": "-referrals"}).status_code == 200
    text = pdf_text(overview_pdf(client)[1])  # built by a background job
    assert FEWER_THAN_5 in text
    school_page = client.get(reverse("compliance:overview-school", args=[three_concerns.pk])).content.decode()
    assert dashboard_figures(school_page)["referrals.opened"] == FEWER_THAN_5
    school_pdf = pdf_text(client.get(reverse("compliance:overview-school-pdf", args=[three_concerns.pk])).content)
    assert "Concerns recorded fewer than 5" in school_pdf


def test_small_referral_counts_in_a_frozen_report(three_concerns, lead, governor, login):
    period = periods.academic_year().key
    login(lead).post(reverse("compliance:snapshot-create"), {"period": period, "title": "Autumn meeting"})
    snapshot = ReportSnapshot.objects.get()
    assert snapshot.figures["referrals.opened"]["value"] == FEWER_THAN_5
    response = login(governor).get(reverse("compliance:snapshot-pdf", args=[snapshot.pk]))
    text = pdf_text(b"".join(response.streaming_content))
    assert "Concerns recorded fewer than 5" in text


def test_small_referral_counts_from_an_older_frozen_report_are_not_shown_as_they_were(
    three_concerns, lead, governor, login
):
    ReportSnapshot.objects.create(
        school=three_concerns,
        period_key="2026/27",
        period_label="Academic year 2026/27",
        title="Summer meeting",
        created_by=lead,
        file="report-snapshots/x.pdf",
        filename="x.pdf",
        sha256="0" * 64,
        size=1,
        figures={"referrals.opened": {"label": "Prevent concerns recorded", "value": 2, "unit": ""}},
    )
    page = login(governor).get(DASHBOARD).content.decode()
    changes = page.split('id="changes-heading"')[1].split("</section>")[0]
    # The referral row only (other figures, such as the actions by RAG, may read 2 by chance).
    assert ">2</td>" not in _row(changes, "Prevent concerns recorded")
    # For the Lead, "fewer than 5" then and 3 now is no change worth listing either way.
    lead_changes = login(lead).get(DASHBOARD).content.decode().split('id="changes-heading"')[1]
    assert ">2</td>" in _row(lead_changes.split("</section>")[0], "Prevent concerns recorded")


def _row(html, label):
    """The table row of ``html`` whose heading is ``label`` ("" if none)."""
    return next((row for row in html.split("<tr>") if f">{label}</th>" in row), "")


@pytest.mark.parametrize(
    ("persona", "exact"), [("governor", False), ("trust", False), ("head", False), ("lead", True), ("dsl", True)]
)
def test_small_referral_counts_on_the_statistics_page(school, lead, login, request, persona, exact):
    _concerns(school, lead, 3)
    html = login(request.getfixturevalue(persona)).get(reverse("referrals:statistics")).content.decode()
    opened = re.search(r"Cases opened</th>(.*?)</tr>", html, flags=re.S).group(1)
    cells = re.findall(r"<td>(.*?)</td>", opened)
    if exact:
        assert "3" in cells
    else:
        assert cells and set(cells) == {FEWER_THAN_5}


def test_small_referral_counts_already_stored_for_the_overview_are_withheld(school, lead):
    import importlib

    from django.apps import apps
    from django.utils import timezone as tz

    migration = importlib.import_module("compliance.migrations.0005_headlines_withhold_small_referral_counts")
    stored = {
        n: SchoolHeadline.objects.create(
            school=school if n == 2 else SchoolFactory(),
            period_key=f"p{n}",
            period_label="P",
            computed_at=tz.now(),
            figures={"referrals": n, "speakers": 1},
        )
        for n in (0, 2, 5)
    }
    migration.withhold_small_counts(apps, None)
    assert {n: h.__class__.objects.get(pk=h.pk).figures for n, h in stored.items()} == {
        0: {"referrals": FEWER_THAN_5, "speakers": 1},
        2: {"referrals": FEWER_THAN_5, "speakers": 1},
        5: {"referrals": 5, "speakers": 1},
    }
