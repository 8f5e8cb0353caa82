"""Reading a CSV of staff for import: every row checked before anything is saved."""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from .models import Role

COLUMNS = ["name", "email", "job title", "roles"]
ROLE_BY_WORD = {value: value for value, _ in Role.choices if value != Role.TRUST_OFFICER}
ROLE_BY_WORD.update({label.lower(): value for value, label in Role.choices if value != Role.TRUST_OFFICER})
ROLE_BY_WORD.update({"prevent lead": Role.PREVENT_LEAD, "spoc": Role.PREVENT_LEAD, "head": Role.HEADTEACHER})
MAX_ROWS = 2000


@dataclass
class StaffRow:
    line: int
    name: str
    email: str
    job_title: str
    roles: list = field(default_factory=list)
    errors: list = field(default_factory=list)


def parse_staff_csv(text):
    """Rows of the CSV with an error list each, plus file-level errors. Nothing is saved."""
    reader = csv.reader(io.StringIO(text))
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        return [], ["The file is empty."]
    except csv.Error as exc:
        return [], [f"The file is not valid CSV: {exc}."]
    if header[: len(COLUMNS)] != COLUMNS:
        return [], [f"The first line must name the columns: {', '.join(COLUMNS)}."]
    rows, seen = [], {}
    try:
        for line, cells in enumerate(reader, start=2):
            if not any(c.strip() for c in cells):
                continue
            cells = [c.strip() for c in cells] + [""] * (len(COLUMNS) - len(cells))
            row = StaffRow(line=line, name=cells[0], email=cells[1].lower(), job_title=cells[2])
            _check(row, cells[3], seen)
            rows.append(row)
            if len(rows) > MAX_ROWS:
                return [], [f"The file has more than {MAX_ROWS} rows; split it."]
    except csv.Error as exc:
        return [], [f"The file is not valid CSV: {exc}."]
    if not rows:
        return [], ["The file has no rows after the header."]
    return rows, []


def _check(row, roles_cell, seen):
    if not row.name:
        row.errors.append("The name is missing.")
    elif len(row.name) > 150:
        row.errors.append("The name is longer than 150 characters.")
    if len(row.job_title) > 150:
        row.errors.append("The job title is longer than 150 characters.")
    try:
        validate_email(row.email)
    except ValidationError:
        row.errors.append(f"'{row.email}' is not an email address.")
    else:
        if row.email in seen:
            row.errors.append(f"The same email is on line {seen[row.email]}.")
        seen[row.email] = row.line
    words = [w.strip().lower() for w in roles_cell.replace(",", ";").split(";") if w.strip()]
    unknown = [w for w in words if w not in ROLE_BY_WORD]
    if unknown:
        row.errors.append(f"Unknown role: {', '.join(unknown)}.")
    row.roles = sorted({ROLE_BY_WORD[w] for w in words if w in ROLE_BY_WORD} or {Role.STAFF})
