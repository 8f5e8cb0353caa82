"""Reading what the report tests compare: the text of a PDF, the figures of the dashboard."""

import html
import io
import re

from pypdf import PdfReader


def pdf_text(data):
    """All the text of a PDF, whitespace collapsed to single spaces."""
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())


def squeeze(text):
    """Text without any whitespace, to compare words a PDF may have wrapped anywhere."""
    return re.sub(r"\s+", "", text)


def dashboard_figures(page_html):
    """{figure key: shown value} from the dashboard's summary table."""
    cells = re.findall(r'data-figure="([^"]+)">(.*?)</td>', page_html, flags=re.S)
    return {key: html.unescape(re.sub(r"<[^>]+>", "", value)).strip() for key, value in cells}
