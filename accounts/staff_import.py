"""Reading a staff list for import: every row checked before anything is saved.

The file comes as the school's MIS exports it (accounts.mis_formats); roles come from a "roles"
column where the file has one, else from the job title (accounts.job_titles).
"""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from core.plain_text import plain_text

from .job_titles import roles_for_title
from .mis_formats import detect, person_name
from .models import Role, User

COLUMNS = ["name", "email", "job title", "roles"]
# A roles column's words: each role a school gives by its value or its label, and common names.
ROLE_BY_WORD = {word: role.value for role in Role.in_school() for word in (role.value, role.label.lower())}
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


@dataclass
class StaffFile:
    rows: list
    problems: list
    format_key: str = ""
    format_label: str = ""


def parse_staff_file(text, table):
    """The file's rows, each with its errors, and file-level problems. Nothing is saved.

    ``table`` maps job titles to roles (``accounts.job_titles.job_title_table``).
    """
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader)
    except StopIteration:
        return StaffFile([], ["The file is empty."])
    except csv.Error as exc:
        return StaffFile([], [f"The file is not valid CSV: {exc}."])
    found = detect(header)
    if found is None:
        return StaffFile(
            [],
            [
                "The first line must name the columns: at least an email and a name (e.g. "
                f"{', '.join(COLUMNS)}, or an Arbor, SIMS or Bromcom staff export)."
            ],
        )
    key, label, columns = found
    rows, seen = [], {}
    try:
        for line, cells in enumerate(reader, start=2):
            if not any(c.strip() for c in cells):
                continue
            cells = [plain_text(c).strip() for c in cells] + [""] * (len(header) - len(cells))
            job_title = cells[columns["job_title"]] if "job_title" in columns else ""
            row = StaffRow(
                line=line, name=person_name(cells, columns), email=cells[columns["email"]].lower(), job_title=job_title
            )
            roles_cell = cells[columns["roles"]] if "roles" in columns else ""
            _check(row, roles_cell, seen, table)
            rows.append(row)
            if len(rows) > MAX_ROWS:
                return StaffFile([], [f"The file has more than {MAX_ROWS} rows; split it."], key, label)
    except csv.Error as exc:
        return StaffFile([], [f"The file is not valid CSV: {exc}."], key, label)
    if not rows:
        return StaffFile([], ["The file has no rows after the header."], key, label)
    return StaffFile(rows, [], key, label)


def _check(row, roles_cell, seen, table):
    if not row.name:
        row.errors.append("The name is missing.")
    elif len(row.name) > 150:
        row.errors.append("The name is longer than 150 characters.")
    if len(row.job_title) > 150:
        row.errors.append("The job title is longer than 150 characters.")
    email_limit = User._meta.get_field("email").max_length
    try:
        validate_email(row.email)
    except ValidationError:
        row.errors.append(f"'{row.email}' is not an email address.")
    else:
        if len(row.email) > email_limit:  # a valid address may be longer than the column holds
            row.errors.append(f"The email address is longer than {email_limit} characters.")
        elif row.email in seen:
            row.errors.append(f"The same email is on line {seen[row.email]}.")
        seen.setdefault(row.email, row.line)
    _roles(row, roles_cell, table)


def _roles(row, roles_cell, table):
    words = [w.strip().lower() for w in roles_cell.replace(",", ";").split(";") if w.strip()]
    unknown = [w for w in words if w not in ROLE_BY_WORD]
    if unknown:
        row.errors.append(f"Unknown role: {', '.join(unknown)}.")
    if words:
        row.roles = sorted({ROLE_BY_WORD[w] for w in words if w in ROLE_BY_WORD} or {Role.STAFF})
    else:
        row.roles = roles_for_title(table, row.job_title)
