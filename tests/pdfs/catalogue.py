"""Every PDF the product makes, how a person gets it (URL and role) and its page's margins.

A new PDF is added here (with its URL name, the persona who downloads it and the margins of its
@page), and ``test_every_pdf_url_is_in_the_catalogue`` fails until it is. The PDF/UA tagging
itself needs nothing: ``core.pdf.html_to_pdf`` does it for every PDF.
"""

from collections.abc import Callable
from dataclasses import dataclass

from .checks import PageLayout

REPORT_PAGE = PageLayout(22, 16, 20, 16)  # static/css/report.css
RISK_ASSESSMENT_PAGE = PageLayout(14, 12, 16, 12)  # assurance/risk_assessment.css (landscape)
LETTER_PAGE = PageLayout(20, 20, 22, 20)  # speakers/letter.css
DEMO_EVIDENCE_PAGE = PageLayout(20, 20, 20, 20)  # compliance/demo.py


@dataclass(frozen=True)
class Pdf:
    name: str
    url_name: str  # the URL pattern's name
    persona: str  # who downloads it: a key of the world's people
    layout: PageLayout
    kwargs: Callable = lambda world: {}  # noqa: E731 - the URL's arguments, from the world
    # False where the long school would only repeat another PDF's template and data (and its time).
    long_world: bool = True
    # True where a POST starts a background job and the PDF downloads from the job's page.
    job: bool = False


PDFS = [
    Pdf("compliance report", "compliance:report-pdf", "governor", REPORT_PAGE),
    Pdf(
        "frozen report",
        "compliance:snapshot-pdf",
        "governor",
        REPORT_PAGE,
        lambda w: {"pk": w.snapshot.pk},
        long_world=False,  # the compliance report as it was frozen: the same template and renderer
    ),
    Pdf("trust overview", "compliance:overview-pdf", "trust", REPORT_PAGE, job=True),
    Pdf(
        "a school's report from the overview",
        "compliance:overview-school-pdf",
        "trust",
        REPORT_PAGE,
        lambda w: {"school_id": w.school.pk},
        long_world=False,  # the compliance report's template and data, for another viewer
    ),
    Pdf(
        "risk assessment",
        "assurance:risk-assessment-pdf",
        "lead",
        RISK_ASSESSMENT_PAGE,
        lambda w: {"pk": w.risk_assessment.pk},
    ),
    Pdf(
        "speaker decision record",
        "speakers:decision-record",
        "lead",
        LETTER_PAGE,
        lambda w: {"pk": w.speaker_decision.request_id, "decision_id": w.speaker_decision.pk},
    ),
    Pdf(
        "letter to the speaker",
        "speakers:letter-pdf",
        "lead",
        LETTER_PAGE,
        lambda w: {"pk": w.speaker_letter.request_id, "decision_id": w.speaker_letter.decision_id},
    ),
    Pdf(
        "annual report (draft)",
        "compliance:annual-report-pdf",
        "governor",
        REPORT_PAGE,
        lambda w: {"pk": w.annual_draft.pk},
    ),
    Pdf(
        "annual report (signed)",
        "compliance:annual-report-pdf",
        "governor",
        REPORT_PAGE,
        lambda w: {"pk": w.annual_signed.pk},
        long_world=False,  # the draft's template and renderer, frozen when the chair signed
    ),
    Pdf(
        "demo evidence file",
        "compliance:evidence-download",
        "lead",
        DEMO_EVIDENCE_PAGE,
        lambda w: {"item_id": w.evidence_file.pk},
    ),
]
