"""The three instruments in the governors' dashboard, the PDF report, its exports and the trust
overview, with fixed query counts whatever their size."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from accounts.models import Organisation
from assurance import statements
from assurance.services import risk_assessment as services
from tests.compliance.reports_text import pdf_text, squeeze
from tests.factories import SchoolFactory, member

from . import factories as f

DASHBOARD = reverse("compliance:dashboard")


def _fill(school, lead, head, governor, size):
    assessment = f.risk_assessment(school, lead, implemented_on=timezone.localdate())
    for n in range(size):
        f.risk(assessment, lead, n, likelihood=3 if n == 0 else 1, impact=3 if n == 0 else 1)
    services.risk_assessment_sign_off(assessment=assessment, by=head, nonce=f.nonce())
    sa = f.self_assessment(school, lead)
    for key in [s.key for s in statements.current().statements][: size * 2]:
        f.rate(sa, lead, key, level=3)
    record = f.filtering(school, lead)
    f.filtering_review(record, lead)
    for _ in range(size):
        f.filtering_check(record, lead)
    return assessment


def test_a_governor_sees_all_three_on_the_dashboard(login, lead, head, governor, school):
    _fill(school, lead, head, governor, size=3)
    response = login(governor).get(DASHBOARD)
    page = response.content.decode()
    section = page[page.index('id="assurance-heading"') :]
    assert 'Signed off by the head</dt><dd class="col-6">Hal Head' in section
    assert "3 (1 high, 0 medium, 2 low)" in section
    assert 'Statements rated</dt><dd class="col-6">6 of 35' in section
    assert 'Checks this term</dt><dd class="col-6">3' in section
    assert "Self-assessment statements by section and level" in section  # the chart's title
    figures = {f.key: f.display for f in response.context["report"].figures}
    assert figures["assurance.risks_high"] == "1"
    assert figures["measure.assurance.risk_assessment_reviewed"] == "100%"
    assert figures["measure.assurance.filtering_reviewed"] == "100%"


def test_the_pdf_report_has_a_chapter_on_them(login, lead, head, governor, school):
    _fill(school, lead, head, governor, size=2)
    text = squeeze(pdf_text(login(governor).get(reverse("compliance:report-pdf")).content))
    for words in (
        "Risk assessment, self-assessment, filtering and monitoring",
        "Signed off by the headteacher",
        "4 of 35 statements rated; 4 below the expected level",
        "Senior leader responsible",
    ):
        assert squeeze(words) in text


def test_the_exports_carry_their_tables(login, lead, head, governor, school):
    _fill(school, lead, head, governor, size=2)
    response = login(governor).get(reverse("compliance:report-xlsx"))
    workbook = load_workbook(io.BytesIO(response.content))
    assert {"Prevent risk assessment", "Self-assessment", "Filtering and monitoring"} <= set(workbook.sheetnames)
    rows = list(workbook["Self-assessment"].iter_rows(values_only=True))
    assert rows[0] == ("Section", "Level 1", "Level 2", "Level 3", "Level 4", "Not rated", "Below expected")
    assert rows[1] == ("Leadership and management", 0, 0, 4, 0, 1, 4)


@pytest.mark.parametrize("url", [DASHBOARD, reverse("compliance:report-pdf")])
def test_the_report_runs_the_same_queries_with_few_or_many_records(
    url, login, lead, head, governor, school, django_assert_num_queries
):
    _fill(school, lead, head, governor, size=2)
    client = login(governor)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    assessment = f.risk_assessment(school, lead)
    for n in range(2, 12):
        f.risk(assessment, lead, n)
    record = f.filtering(school, lead)
    for _ in range(10):
        f.filtering_check(record, lead)
    sa = f.self_assessment(school, lead)
    for key in [s.key for s in statements.current().statements]:
        f.rate(sa, lead, key, level=2)
    with django_assert_num_queries(len(small)):
        assert client.get(url).status_code == 200


def _trust_schools(school, count):
    schools = [school]
    for n in range(count - 1):
        other = SchoolFactory(name=f"Trust school {n}", organisation=school.organisation)
        schools.append(other)
    return schools


def test_the_overview_shows_when_each_school_last_reviewed_each_instrument(login, lead, head, governor, trust, school):
    _fill(school, lead, head, governor, size=1)
    other = _trust_schools(school, 2)[1]
    page = login(trust).get(reverse("compliance:overview")).content.decode()
    today = timezone.localdate()
    row = page[page.index(f">{school.name}</a>") :]
    row = row[: row.index("</tr>")]
    assert row.count(f"<td>{today.day} {today:%b %Y}</td>") == 3
    other_row = page[page.index(f">{other.name}</a>") :]
    assert other_row[: other_row.index("</tr>")].count("never") == 3


@pytest.mark.parametrize("count", [2, 8])
def test_the_review_dates_take_one_query_for_any_number_of_schools(count, school, lead, django_assert_num_queries):
    from assurance.selectors import last_review_dates

    schools = _trust_schools(school, count)
    for each in schools:
        person = member(each, "staff", "prevent_lead")
        f.filtering_review(f.filtering(each, person), person)
    with django_assert_num_queries(1):
        dates = last_review_dates([s.pk for s in schools])
    assert all(d.filtering == timezone.localdate() for d in dates.values())
    assert Organisation.objects.count() == 1
