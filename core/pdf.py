"""PDFs from HTML with WeasyPrint, fetching nothing from outside the application.

The only resources a PDF may load are files under the project's ``static/`` folder (print
stylesheets) and ``data:`` URIs. Anything else (http, https, ftp, another local file, another
host) is refused, so a value that reaches a template can never make the server fetch a URL or
read a file. Every app's PDFs (reports, decision letters) go through ``html_to_pdf``, which
also makes each one accessible (PDF/UA-1).
"""

import urllib.parse
import urllib.request
from pathlib import Path

import pydyf
from django.conf import settings
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

STATIC_DIR = (Path(settings.BASE_DIR) / "static").resolve()
PDF_VARIANT = "pdf/ua-1"


class RefusedURL(ValueError):
    pass


def allowed_url(url):
    """True for data: URIs and file:// URLs inside the project's static folder, nothing else."""
    parts = urllib.parse.urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "data":
        return True
    if scheme != "file" or parts.netloc not in ("", "localhost"):
        return False
    path = Path(urllib.request.url2pathname(parts.path)).resolve()
    return path.is_file() and path.is_relative_to(STATIC_DIR)


class RestrictedURLFetcher(URLFetcher):
    """Fetches what ``allowed_url`` allows; refuses everything else."""

    def __init__(self, **kwargs):
        super().__init__(allowed_protocols=("data", "file"), allow_redirects=False, **kwargs)

    def fetch(self, url, headers=None):
        if not allowed_url(url):
            raise RefusedURL(f"A PDF may not load {url[:200]!r}.")
        return super().fetch(url, headers)


def html_to_pdf(html, *, css=None):
    """The PDF bytes of an HTML document (with an optional stylesheet's text), loading nothing
    but what the fetcher allows.

    Every PDF is PDF/UA-1: tagged (headings, lists, tables, figures in reading order), with the
    document's <title> and <html lang> as its title and language, and each table's header
    cells given their scope. A document without a title or a language is refused, so a new
    PDF cannot quietly be inaccessible.
    """
    fetcher = RestrictedURLFetcher()
    document = HTML(string=html, base_url=STATIC_DIR.as_uri() + "/", url_fetcher=fetcher)
    stylesheets = [CSS(string=css, url_fetcher=fetcher)] if css else None
    rendered = document.render(stylesheets=stylesheets, pdf_variant=PDF_VARIANT)
    if not (rendered.metadata.title or "").strip() or not rendered.metadata.lang:
        raise ValueError("A PDF's HTML needs a <title> and <html lang>: they are its title and language (PDF/UA).")
    return rendered.write_pdf(pdf_variant=PDF_VARIANT, finisher=_scope_header_cells)


def _scope_header_cells(document, pdf):
    """Give every table header cell (TH) a /Scope: Row when its row also holds data cells (as
    <th scope="row">), Column otherwise. WeasyPrint links data cells to their headers by ID;
    the scope says the same to readers and checkers that look at the header cell."""
    elements = {obj.number: obj for obj in pdf.objects if isinstance(obj, pydyf.Dictionary) and "S" in obj}
    for element in elements.values():
        if element["S"] != "/TH":
            continue
        row = elements.get(_number(element.get("P")))
        kinds = {elements[n]["S"] for n in map(_number, row["K"]) if n in elements} if row else set()
        scope = "/Row" if "/TD" in kinds else "/Column"
        element.setdefault("A", pydyf.Dictionary({"O": "/Table"}))["Scope"] = scope


def _number(reference):
    """The object number of a pydyf reference (b"12 0 R"), or None."""
    if isinstance(reference, bytes) and reference.endswith(b" R"):
        return int(reference.split()[0])
    return None
