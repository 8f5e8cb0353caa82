"""PDFs from HTML templates with WeasyPrint, fetching nothing from outside the application.

The only resources a report may load are files under the project's ``static/`` folder (the
print stylesheet) and ``data:`` URIs. Anything else (http, https, ftp, another local file) is
refused, so a value that reaches a template can never make the server fetch a URL or read a
file.
"""

import urllib.parse
import urllib.request
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher

STATIC_DIR = (Path(settings.BASE_DIR) / "static").resolve()
REPORT_CSS = STATIC_DIR / "css" / "report.css"


class RefusedURL(ValueError):
    pass


class RestrictedURLFetcher(URLFetcher):
    """Fetches ``data:`` URIs and files under the static folder; refuses everything else."""

    def __init__(self, **kwargs):
        super().__init__(allowed_protocols=("data", "file"), allow_redirects=False, **kwargs)

    def fetch(self, url, headers=None):
        scheme = urllib.parse.urlsplit(url).scheme.lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file":
            path = Path(urllib.request.url2pathname(urllib.parse.urlsplit(url).path)).resolve()
            if path.is_file() and path.is_relative_to(STATIC_DIR):
                return super().fetch(path.as_uri(), headers)
        raise RefusedURL(f"The report may not load {url[:200]!r}.")


def html_to_pdf(html):
    """The PDF bytes of an HTML document, loading nothing but what the fetcher allows."""
    document = HTML(string=html, base_url=STATIC_DIR.as_uri() + "/", url_fetcher=RestrictedURLFetcher())
    return document.write_pdf()


def render_pdf(template_name, context):
    """The PDF bytes of ``template_name`` rendered with ``context``."""
    return html_to_pdf(render_to_string(template_name, {**context, "report_css_url": REPORT_CSS.as_uri()}))
