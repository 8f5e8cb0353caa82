"""The report's tables as CSV and XLSX, every cell made safe from spreadsheet formulas."""

import io
from dataclasses import dataclass

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font

from assurance.report_tables import assurance_tables
from core.spreadsheets import csv_response, safe_cell

from ..measures import NO_DATA

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class Table:
    title: str
    header: list
    rows: list


def _share(percent):
    """A percentage stays a number; an empty denominator is words ("no data yet"), never 100 or 0."""
    return NO_DATA if percent is None else percent


def report_tables(report):
    """The report's tables, in the PDF's order, as plain rows."""
    plan_rows = []
    for area in report.plan.areas:
        for duty in area.duties:
            for evidence in duty.evidence:
                for action in evidence.actions:
                    plan_rows.append(
                        [
                            area.title,
                            duty.text,
                            evidence.text,
                            action.text,
                            action.owner,
                            action.status,
                            action.rag,
                            action.rag_reason,
                            action.target_date.isoformat() if action.target_date else "",
                            action.measure,
                            action.evidence_count,
                        ]
                    )
    return [
        Table("Summary", ["Figure", "Value"], [[f.label, f.display] for f in report.figures]),
        Table(
            "Action plan",
            [
                "Area",
                "Duty",
                "Evidence",
                "Action",
                "By whom",
                "Status",
                "RAG",
                "Why this RAG",
                "Target date",
                "Measure",
                "Evidence kept",
            ],
            plan_rows,
        ),
        Table(
            "Live evidence",
            ["Measure", "Met", "Out of", "Percent", "Needed percent"],
            [[m.label, m.numerator, m.denominator, _share(m.percent), m.threshold] for m in report.measures],
        ),
        Table(
            "Confirmations",
            ["Document (version)", "Must confirm", "Confirmed", "Percent"],
            [[c.label, c.required, c.done, _share(c.percent)] for c in report.confirmations],
        ),
        Table(
            "Training",
            ["Course", "Must hold", "In date", "Expiring soon", "Expired", "Missing", "Percent"],
            [
                [
                    t.label,
                    t.required,
                    t.done,
                    t.extra["expiring"],
                    t.extra["expired"],
                    t.extra["missing"],
                    _share(t.percent),
                ]
                for t in report.training
            ],
        ),
        Table(
            "External speakers and lettings",
            ["Requests", "Number"],
            [[line.label, line.value] for line in report.speakers["kinds"] + report.speakers["decisions"]],
        ),
        Table(
            "Prevent concerns (counts only)",
            ["Count", "Number"],
            [["Recorded", report.referrals["opened"]], ["Closed", report.referrals["closed"]]]
            + [[f"Decision: {line.label}", line.value] for line in report.referrals["decisions"]]
            + [[f"Outcome: {line.label}", line.value] for line in report.referrals["outcomes"]],
        ),
        *(Table(title, header, rows) for title, header, rows in assurance_tables(report.assurance)),
    ]


def report_csv(report, filename):
    """One CSV with every table one after another, each under its title and header."""
    rows = [["School", report.school.name], ["Period", report.period.label], []]
    for table in report_tables(report):
        rows.extend([[table.title], table.header, *table.rows, []])
    return csv_response(filename, ["Prevent compliance report"], rows)


def report_xlsx(report, filename):
    """An XLSX workbook with one sheet per table."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in report_tables(report):
        sheet = workbook.create_sheet(title=table.title[:31])
        sheet.append([safe_cell(h) for h in table.header])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table.rows:
            # Numbers stay numbers; every text cell is escaped so it can never run as a formula.
            sheet.append([v if isinstance(v, int | float) else safe_cell(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
