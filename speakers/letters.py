"""The decision letter as a PDF, for the requester and the speaker.

Rendered through ``accounts.pdf``, which fetches nothing from outside: a crafted name or
outline cannot make the server read other files or call other hosts.
"""

from pathlib import Path

from django.template.loader import render_to_string

from accounts.pdf import html_to_pdf

LETTER_CSS = Path(__file__).with_name("letter.css")


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
    return html_to_pdf(html, css=LETTER_CSS.read_text())
