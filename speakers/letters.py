"""The internal decision record as a PDF (with its justification), for the register, the governors and the requester.

Rendered through ``core.pdf``, which fetches nothing from outside: a crafted name or
outline cannot make the server read other files or call other hosts.
"""

from pathlib import Path

from django.template.loader import render_to_string

from core.pdf import html_to_pdf

LETTER_CSS = Path(__file__).with_name("letter.css")


def decision_letter_pdf(*, speaker_request, decision, decisions):
    """The internal record's PDF bytes for ``decision`` (with the earlier decisions it follows).

    Never sent to the speaker or hirer: their letter is ``speakers.speaker_letters``.
    """
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
