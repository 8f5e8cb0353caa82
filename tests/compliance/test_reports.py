"""The PDF compliance report: one click, named for the school and date, the dashboard's numbers."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from compliance.reports.report_data import school_report
from core.periods import academic_year
from referrals.models import Case

from .reports_text import dashboard_figures, pdf_text, squeeze
from .reports_world import PUPIL_IDENTIFIER, RATIONALE, SUMMARY, fill_school

REPORT = reverse("compliance:report-pdf")


def test_it_downloads_in_one_click_from_the_home_page(school, lead, governor, login):
    fill_school(school, lead, template=True)
    client = login(governor)
    home = client.get(reverse("home")).content.decode()
    assert f'href="{REPORT}"' in home
    response = client.get(REPORT)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    today = timezone.localdate().isoformat()
    expected = f"ken-stimpson-community-school-prevent-compliance-report-{today}.pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{expected}"'
    assert response.content.startswith(b"%PDF")


def test_it_has_every_part_an_inspector_asks_for(school, lead, governor, login):
    fill_school(school, lead, template=True)
    text = pdf_text(login(governor).get(REPORT).content)
    for words in [
        "Ken Stimpson Community School",
        "Academic year",
        "Contents",
        "Governors' summary",
        "Questions governors may want to ask",
        "Headline figures",
        "The action plan",
        "Duty:",
        "Evidence:",
        "By whom",
        "Live evidence",
        "Documents read and confirmed",
        "Training",
        "External speakers and lettings",
        "Prevent concerns (counts only)",
        "Sign-off by the governing body",
        "Chair of governors",
        "Page 1 of",
    ]:
        assert words in text, words


def test_its_numbers_equal_the_dashboards(school, lead, governor, login):
    fill_school(school, lead, size=2, template=True)
    client = login(governor)
    shown = dashboard_figures(client.get(reverse("compliance:dashboard")).content.decode())
    text = squeeze(pdf_text(client.get(REPORT).content))
    report = school_report(school, academic_year())
    assert len(shown) == len(report.figures) > 10
    for figure in report.figures:
        assert shown[figure.key] == figure.display, figure.label
        assert squeeze(f"{figure.label} {figure.display}") in text, figure.label


def test_it_never_contains_a_pupil_identifier_case_reference_or_referral_text(school, lead, head, login):
    fill_school(school, lead, size=2, template=True)
    references = list(Case.objects.filter(school=school).values_list("reference", flat=True))
    assert references
    client = login(head)
    outputs = {
        "pdf": pdf_text(client.get(REPORT).content),
        "dashboard": client.get(reverse("compliance:dashboard")).content.decode(),
        "csv": client.get(reverse("compliance:report-csv")).content.decode("utf-8-sig"),
    }
    for name, text in outputs.items():
        for secret in [PUPIL_IDENTIFIER, SUMMARY, RATIONALE, *references]:
            assert secret not in text, (name, secret)
    assert "Prevent concerns recorded fewer than 5" in outputs["pdf"]  # the head does not see the cases


def test_it_reports_a_term(school, lead, governor, login):
    fill_school(school, lead)
    term = f"{academic_year().key}-autumn"
    response = login(governor).get(REPORT, {"period": term})
    assert "Autumn term" in pdf_text(response.content)


def test_it_is_refused_to_staff(school, staff, login):
    assert login(staff).get(REPORT).status_code == 403


def test_it_runs_the_same_number_of_queries_whatever_the_size(school, lead, governor, login, django_assert_num_queries):
    fill_school(school, lead, size=1)
    client = login(governor)
    client.get(REPORT)  # warm up: sessions, caches
    # Session, user, memberships and schools; the plan and its actions; each registered live
    # measure once (its own selector's fixed queries, so the total moves as measures are added);
    # documents, training, speakers and referrals (a fixed few each); the last snapshot.
    with CaptureQueriesContext(connection) as small:
        assert client.get(REPORT).status_code == 200
    assert len(small) < 80
    fill_school(school, lead, size=4)  # more actions, staff, confirmations, records, cases
    with django_assert_num_queries(len(small)):
        assert client.get(REPORT).status_code == 200
