"""What the dashboard and the PDFs draw from a SchoolReport: charts and the PDF bytes."""

from django.utils import timezone

from assurance.charts import sections_chart

from .charts import percent_bars, rag_donut
from .pdf import render_pdf


def report_charts(report):
    """The SVG charts of a report; the same numbers are in the tables beside them."""
    self_assessment = report.assurance.self_assessment if report.assurance else None
    return {
        "self_assessment": sections_chart(self_assessment) if self_assessment else "",
        "rag": rag_donut(report.plan.counts, f"Actions of the plan by RAG rating, {report.plan.total} in all"),
        "confirmations": percent_bars(
            [(_rate_label(line), line.percent) for line in report.confirmations],
            "Share of people who have confirmed each current document",
        ),
        "training": percent_bars(
            [(line.label, line.percent) for line in report.training],
            "Share of people whose required training is in date, by course",
        ),
    }


def _rate_label(line):
    """A bar's label; a new edition before its confirm-by date says so beside its share so far."""
    return f"{line.label} ({line.share_display})" if line.due_by else line.label


def render_report_pdf(report):
    """The compliance report of one school as PDF bytes."""
    context = {"report": report, "charts": report_charts(report), "printed_on": timezone.localdate()}
    return render_pdf("compliance/report.html", context)


def render_overview_pdf(organisation_label, period, rows):
    """One PDF with a summary table: a row of headline figures per school of a trust or local
    authority (rows from ``compliance.reports.headlines.overview_rows``). A table, not a chapter per
    school, so its memory stays small at hundreds of schools."""
    context = {
        "organisation_label": organisation_label,
        "period": period,
        "rows": rows,
        "printed_on": timezone.localdate(),
    }
    return render_pdf("compliance/report_overview.html", context)
