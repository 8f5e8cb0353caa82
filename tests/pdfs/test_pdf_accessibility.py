"""Every PDF the product makes is PDF/UA-1 (as far as a machine can check) and keeps its text and
tables inside the page's content area, at the demo's data and at a school with very long names
and 200 actions."""

import pytest
from django.urls import get_resolver

from .catalogue import PDFS
from .checks import outside_the_box, pdfua_findings, structure, words
from .conftest import cases

pytestmark = pytest.mark.django_db

CASES = [pytest.param(world, pdf, id=f"{world}: {pdf.name}") for world, pdf in cases()]


@pytest.mark.parametrize(("world", "pdf"), CASES)
def test_it_passes_the_pdfua_machine_checks(made, world, pdf):
    assert pdfua_findings(made["pdfs"][world, pdf.name]) == []


@pytest.mark.parametrize(("world", "pdf"), CASES)
def test_it_is_tagged_with_its_language_title_and_headings(made, world, pdf):
    language, title, roles, alts, _ = structure(made["pdfs"][world, pdf.name])
    assert language == "en-GB"
    assert title.strip()
    assert "H1" in roles, "a document starts with its heading"
    assert all(alt.strip() for alt in alts), "every chart or picture says in words what it shows"


@pytest.mark.parametrize(("world", "pdf"), CASES)
def test_no_text_or_table_lies_outside_its_box(made, world, pdf):
    assert outside_the_box(made["pdfs"][world, pdf.name], pdf.layout) == []


def _pdf_url_names(resolver, prefix=""):
    for pattern in resolver.url_patterns:
        if hasattr(pattern, "url_patterns"):
            namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            yield from _pdf_url_names(pattern, namespace)
        elif str(pattern.pattern).endswith(".pdf") and pattern.name:
            yield f"{prefix}{pattern.name}"


def test_every_pdf_url_is_in_the_catalogue():
    assert set(_pdf_url_names(get_resolver())) <= {pdf.url_name for pdf in PDFS}


# Column headings that were cut off or broken mid-word ("Red Amber Gree", "Speake r request s"):
# each must be read as a whole word.
WHOLE_WORDS = {
    "compliance report": ["Red", "Amber", "Green", "All", "Expiring", "Expired", "Missing", "expected"],
    "trust overview": ["Actions", "green", "Lowest", "confirmation", "training", "Speaker", "requests", "concerns"],
}


@pytest.mark.parametrize(
    ("world", "pdf"),
    [pytest.param(world, pdf, id=f"{world}: {pdf.name}") for world, pdf in cases() if pdf.name in WHOLE_WORDS],
)
def test_column_headings_are_read_as_whole_words(made, world, pdf):
    found = set(words(made["pdfs"][world, pdf.name]))
    assert [word for word in WHOLE_WORDS[pdf.name] if word not in found] == []
