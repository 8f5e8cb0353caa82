"""The decision letter as a PDF, for the requester and the speaker.

WeasyPrint fetches nothing from outside: the fetcher refuses any URL that is not a data: URI
or a file in the project's static folder, so a crafted name or outline cannot make the server
read other files or call other hosts.
"""

from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

LETTER_CSS = Path(__file__).with_name("letter.css")


def _static_root():
    return Path(settings.STATICFILES_DIRS[0]).resolve()


def allowed_url(url):
    """True for data: URIs and file:// URLs inside the project's static folder, nothing else."""
    parts = urlsplit(url)
    if parts.scheme == "data":
        return True
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        return False
    path = Path(unquote(parts.path)).resolve()
    return path.is_relative_to(_static_root())


class StaticOnlyFetcher(URLFetcher):
    def fetch(self, url, headers=None):
        if not allowed_url(url):
            raise ValueError(f"The letter may not fetch {url}")
        return super().fetch(url, headers)


def decision_letter_pdf(*, speaker_request, decision, decisions):
    """The letter's PDF bytes for ``decision`` (with the earlier decisions it follows)."""
    html = render_to_string(
        "speakers/letter.html",
        {
            "speaker_request": speaker_request,
            "decision": decision,
            "decisions": decisions,
            "school": speaker_request.school,
        },
    )
    fetcher = StaticOnlyFetcher()
    document = HTML(string=html, base_url=_static_root().as_uri() + "/", url_fetcher=fetcher)
    return document.write_pdf(stylesheets=[CSS(string=LETTER_CSS.read_text(), url_fetcher=fetcher)])
