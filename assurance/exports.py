"""The risk assessment as PDF and XLSX, in the layout of the DfE's template: the header, the
national and local risks, then a table per heading (risk, hazard, risk management, further
action, lead officer, date for completion), with this product's rating, status and plan progress.

The PDF goes through ``core.pdf`` (which fetches nothing from outside); every text cell of
the workbook is made safe from spreadsheet formulas (``core.spreadsheets.safe_cell``).
"""

import io
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from core.pdf import html_to_pdf
from core.spreadsheets import safe_cell

from .selectors import risk_table

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSS = Path(__file__).with_name("risk_assessment.css")
COLUMNS = [
    ("Risk", 30),
    ("Hazard", 30),
    ("Risk management (existing control measures)", 40),
    ("Likelihood", 12),
    ("Impact", 12),
    ("Rating", 10),
    ("Further action needed", 36),
    ("Lead officer", 20),
    ("Date for completion", 14),
    ("Status", 22),
    ("Progress in the action plan", 36),
]


def filename(assessment, extension):
    year = assessment.academic_year.replace("/", "-")
    return f"prevent-risk-assessment-{slugify(assessment.school.name)}-{year}.{extension}"


def progress(risk):
    """The linked plan actions' progress in words, e.g. "Train lunchtime staff: in progress (due 3 Mar 2027)"."""
    parts = []
    for action in getattr(risk, "linked_actions", []):
        due = f", due {action.target_date:%d %b %Y}" if action.target_date else ""
        overdue = ", overdue" if action.is_overdue else ""
        parts.append(f"{action.text}: {action.status_label.lower()}{due}{overdue}")
    return "; ".join(parts)


def risk_assessment_pdf(assessment, risks, state):
    """The PDF bytes of the assessment (risks with ``linked_actions`` attached)."""
    for risk in risks:
        risk.progress = progress(risk)
    html = render_to_string(
        "assurance/risk_assessment_pdf.html",
        {
            "assessment": assessment,
            "school": assessment.school,
            "groups": risk_table(risks),
            "state": state,
            "reviews": list(assessment.reviews.select_related("reviewed_by")),
            "notes": list(assessment.governor_notes.select_related("noted_by")),
            "printed_on": timezone.localdate(),
        },
    )
    return html_to_pdf(html, css=CSS.read_text())


def _row(sheet, values, bold=False):
    sheet.append([v if isinstance(v, int | float) else safe_cell(v) for v in values])
    for cell in sheet[sheet.max_row]:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if bold:
            cell.font = Font(bold=True)


def risk_assessment_xlsx(assessment, risks, state):
    """The workbook's bytes: the assessment on one sheet as the template lays it out, reviews on another."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Risk assessment"
    sign_off = state.sign_off
    _row(sheet, [f"Prevent risk assessment: {assessment.school.name}, {assessment.academic_year}"], bold=True)
    _row(sheet, ["Completed by", assessment.completed_by.full_name if assessment.completed_by else ""])
    _row(sheet, ["Date implemented", assessment.implemented_on.isoformat() if assessment.implemented_on else ""])
    _row(sheet, ["Date reviewed", state.last_reviewed_on.isoformat() if state.last_reviewed_on else ""])
    _row(
        sheet,
        [
            "Signed off by the headteacher",
            f"{sign_off.signed_by.full_name}, {timezone.localtime(sign_off.signed_at):%Y-%m-%d}" if sign_off else "",
        ],
    )
    _row(sheet, [])
    _row(sheet, ["National risks"], bold=True)
    _row(sheet, [assessment.national_context])
    _row(sheet, ["Local risks"], bold=True)
    _row(sheet, [assessment.local_context])
    for group in risk_table(risks):
        _row(sheet, [])
        _row(sheet, [group.heading], bold=True)
        _row(sheet, [label for label, _ in COLUMNS], bold=True)
        for risk in group.risks:
            _row(
                sheet,
                [
                    risk.risk,
                    risk.hazard,
                    risk.controls,
                    risk.get_likelihood_display(),
                    risk.get_impact_display(),
                    risk.rating_label,
                    risk.further_action,
                    risk.lead.full_name if risk.lead else "",
                    risk.due_on.isoformat() if risk.due_on else "",
                    risk.get_status_display(),
                    progress(risk),
                ],
            )
    for n, (_, width) in enumerate(COLUMNS):
        sheet.column_dimensions[chr(ord("A") + n)].width = width
    reviews = workbook.create_sheet("Reviews")
    _row(reviews, ["Reviewed on", "Why", "What was reviewed and what changed", "By"], bold=True)
    for review in assessment.reviews.select_related("reviewed_by"):
        _row(
            reviews,
            [review.reviewed_on.isoformat(), review.get_reason_display(), review.notes, review.reviewed_by.full_name],
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
