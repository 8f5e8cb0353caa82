"""The one render function (core.pdf.html_to_pdf) makes every PDF accessible: a PDF/UA-1
document, tagged, with its title and language, and the scope of every table header cell."""

import io

import pikepdf
import pytest

from core.pdf import html_to_pdf

from .checks import pdfua_findings, structure

PAGE = """<!doctype html><html lang="en-GB"><head><title>A test report</title></head><body>
<h1>A test report</h1>
<table><thead><tr><th scope="col">Area</th><th scope="col">Red</th></tr></thead>
<tbody><tr><th scope="row">Leadership</th><td>2</td></tr></tbody></table>
<table><tr><th>Event</th><td>Assembly</td></tr></table>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" width="40" height="40" role="img">
<title>Two red actions</title><rect width="10" height="10"></rect></svg>
</body></html>"""


def _header_scopes(data):
    with pikepdf.open(io.BytesIO(data)) as pdf:
        cells = [o for o in pdf.objects if isinstance(o, pikepdf.Dictionary) and o.get("/S") == "/TH"]
        return sorted(str(cell.A.Scope) for cell in cells)


def test_it_writes_a_tagged_pdf_ua_document_with_its_title_and_language():
    data = html_to_pdf(PAGE)
    language, title, roles, alts, _ = structure(data)
    assert (language, title) == ("en-GB", "A test report")
    assert {"H1", "Table", "TH", "TD", "Figure"} <= set(roles)
    assert alts == ["Two red actions"]
    with pikepdf.open(io.BytesIO(data)) as pdf:  # the PDF/UA identification in its metadata
        assert pdf.open_metadata().get("pdfuaid:part") == "1"
    assert pdfua_findings(data) == []


def test_each_header_cell_gets_the_scope_of_its_row_or_column():
    assert _header_scopes(html_to_pdf(PAGE)) == ["/Column", "/Column", "/Row", "/Row"]


@pytest.mark.parametrize(
    "html",
    [
        '<html lang="en-GB"><body><p>No title</p></body></html>',
        "<html><head><title>No language</title></head><body><p>Text</p></body></html>",
    ],
)
def test_a_pdf_without_a_title_or_a_language_is_refused(html):
    with pytest.raises(ValueError, match="title"):
        html_to_pdf(html)
