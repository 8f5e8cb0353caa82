"""The parts under every report: periods, SVG charts and the PDF's restricted URL fetcher."""

import datetime

import pytest

from compliance.reports import charts
from compliance.reports.pdf import REPORT_CSS, RefusedURL, RestrictedURLFetcher, html_to_pdf
from core import periods

from .reports_text import pdf_text


def test_it_names_the_academic_year_from_september():
    assert periods.academic_year(datetime.date(2026, 8, 31)).key == "2025/26"
    year = periods.academic_year(datetime.date(2026, 9, 1))
    assert (year.key, year.label) == ("2026/27", "Academic year 2026/27")
    assert (year.start, year.end) == (datetime.date(2026, 9, 1), datetime.date(2027, 8, 31))


def test_it_parses_terms_and_refuses_nonsense():
    spring = periods.parse("2026/27-spring")
    assert spring.label == "Spring term 2026/27"
    assert (spring.start, spring.end) == (datetime.date(2027, 1, 1), datetime.date(2027, 3, 31))
    assert periods.parse("2099/00") is not None
    for bad in ["", "2026/28", "2026/27-winter", "26/27", "2026/27-autumn; drop table", None]:
        assert periods.parse(bad) is None


def test_terms_cover_the_year_without_gaps():
    terms = periods.terms("2026/27")
    assert terms[0].start == periods.academic_year(datetime.date(2026, 9, 1)).start
    assert terms[-1].end == periods.academic_year(datetime.date(2026, 9, 1)).end
    for before, after in zip(terms, terms[1:], strict=False):
        assert after.start - before.end == datetime.timedelta(days=1)


def test_charts_carry_their_numbers_in_words_and_escape_labels():
    svg = charts.percent_bars([("<script>alert(1)</script>", 40), ("Part one", 100)], "Confirmations")
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "Part one: 100%" in svg and 'role="img"' in svg
    assert "style=" not in svg
    donut = charts.rag_donut({"red": 1, "amber": 2, "green": 3}, "Plan")
    assert "Red: 1; Amber: 2; Green: 3" in donut
    assert ">6</text>" in donut


def test_an_empty_chart_still_says_so():
    assert "nothing to show" in charts.percent_bars([], "Training")
    assert ">0</text>" in charts.rag_donut({}, "Plan")


def test_the_fetcher_loads_the_report_stylesheet_and_data_uris():
    fetcher = RestrictedURLFetcher()
    assert b"@page" in fetcher.fetch(REPORT_CSS.as_uri()).read()
    assert fetcher.fetch("data:text/plain,hello").read() == b"hello"


@pytest.mark.parametrize(
    "url",
    [
        "http://169.254.169.254/latest/meta-data/",
        "https://example.com/x.css",
        "ftp://example.com/x",
        "file:///etc/passwd",
        REPORT_CSS.as_uri() + "/../../../prevent_site/settings.py",
    ],
)
def test_the_fetcher_refuses_anything_else(url):
    with pytest.raises(RefusedURL):
        RestrictedURLFetcher().fetch(url)


def test_a_pdf_renders_without_fetching_what_its_html_names(monkeypatch):
    fetched = []
    original = RestrictedURLFetcher.fetch

    def spy(self, url, headers=None):
        fetched.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(RestrictedURLFetcher, "fetch", spy)
    html = (
        '<html lang="en-GB"><title>Test</title>'
        f'<link rel="stylesheet" href="{REPORT_CSS.as_uri()}">'
        '<link rel="stylesheet" href="https://example.com/x.css"><img src="file:///etc/hostname"><p>Hello</p>'
    )
    assert "Hello" in pdf_text(html_to_pdf(html))
    assert REPORT_CSS.as_uri() in fetched  # asked, and allowed
    assert "https://example.com/x.css" in fetched  # asked, and refused (the test above)
