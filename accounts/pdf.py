"""PDFs from HTML with WeasyPrint, fetching nothing from outside the application.

The only resources a PDF may load are files under the project's ``static/`` folder (print
stylesheets) and ``data:`` URIs. Anything else (http, https, ftp, another local file, another
host) is refused, so a value that reaches a template can never make the server fetch a URL or
read a file. Every app's PDFs (reports, decision letters) go through ``html_to_pdf``.
"""

import urllib.parse
import urllib.request
from pathlib import Path

from django.conf import settings
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

STATIC_DIR = (Path(settings.BASE_DIR) / "static").resolve()


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
    but what the fetcher allows."""
    fetcher = RestrictedURLFetcher()
    document = HTML(string=html, base_url=STATIC_DIR.as_uri() + "/", url_fetcher=fetcher)
    stylesheets = [CSS(string=css, url_fetcher=fetcher)] if css else None
    return document.write_pdf(stylesheets=stylesheets)
