"""The reports' PDFs: templates rendered with the print stylesheet, through ``core.pdf``
(which fetches nothing from outside the application)."""

from django.template.loader import render_to_string

from core.pdf import STATIC_DIR, RefusedURL, RestrictedURLFetcher, html_to_pdf

__all__ = ["REPORT_CSS", "STATIC_DIR", "RefusedURL", "RestrictedURLFetcher", "html_to_pdf", "render_pdf"]

REPORT_CSS = STATIC_DIR / "css" / "report.css"


def render_pdf(template_name, context):
    """The PDF bytes of ``template_name`` rendered with ``context``."""
    return html_to_pdf(render_to_string(template_name, {**context, "report_css_url": REPORT_CSS.as_uri()}))
