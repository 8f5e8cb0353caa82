"""CSV and XLSX exports of the report's tables, with spreadsheet formulas made harmless."""

import io

from django.urls import reverse
from openpyxl import load_workbook

from compliance.models import Action

from .reports_world import fill_school

FORMULA = '=HYPERLINK("http://evil.example","click")'


def _with_formula_action(school, lead):
    fill_school(school, lead)
    action = Action.objects.filter(school=school).first()
    action.text = FORMULA
    action.save()


def test_the_csv_holds_every_table_with_formulas_escaped(school, lead, governor, login):
    _with_formula_action(school, lead)
    response = login(governor).get(reverse("compliance:report-csv"))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith("-prevent-report-tables-" + response["Content-Disposition"][-15:])
    text = response.content.decode("utf-8-sig")
    for title in ["Summary", "Action plan", "Confirmations", "Training", "Prevent concerns (counts only)"]:
        assert f"\r\n{title}\r\n" in text
    assert "'=HYPERLINK" in text
    assert ",=HYPERLINK" not in text and '"=HYPERLINK' not in text


def test_the_xlsx_has_a_sheet_per_table_and_no_formula(school, lead, governor, login):
    _with_formula_action(school, lead)
    response = login(governor).get(reverse("compliance:report-xlsx"))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames[:3] == ["Summary", "Action plan", "Live evidence"]
    cells = [cell for sheet in workbook for row in sheet.iter_rows() for cell in row]
    assert not [c for c in cells if c.data_type == "f"]
    assert any(c.value == "'" + FORMULA for c in cells)
    summary = {row[0]: row[1] for row in workbook["Summary"].iter_rows(min_row=2, values_only=True)}
    assert summary["Prevent concerns recorded"] == "fewer than 5"  # governors read no small count


def test_exports_are_refused_to_staff(school, staff, login):
    assert login(staff).get(reverse("compliance:report-csv")).status_code == 403
    assert login(staff).get(reverse("compliance:report-xlsx")).status_code == 403
