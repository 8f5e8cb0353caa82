"""The training matrix and a document's confirmations as (header, rows) tables: the pages' CSV
downloads and the inspection evidence pack write the same columns."""

from django.utils import timezone

from accounts.models import Role

from .expiry import STATUS_LABELS
from .selectors.documents import confirmation_values, member_roles

# The columns people type (names, emails, titles, notes): the CSVs make only these formula-safe
# (``core.spreadsheets.csv_response``'s text_columns); the others hold dates and fixed labels.
MATRIX_TEXT_COLUMNS = (0, 1, 2)
PROGRESS_TEXT_COLUMNS = (0, 1, 3, 6, 7)


def matrix_table(matrix):
    """(header, rows) of a ``training.selectors.courses.Matrix``: a row per person, three columns per course."""
    header = ["Name", "Email", "Roles"]
    for course in matrix.courses:
        header += [f"{course.title}: status", f"{course.title}: completed on", f"{course.title}: expires on"]
    rows = []
    not_required = ("not required", "", "")
    for row in matrix.rows:
        line = [row.user.full_name, row.user.email, "; ".join(row.roles)]
        for cell in row.cells:
            if cell is None:
                line += not_required
            elif (record := cell.record) is None:
                line += (STATUS_LABELS[cell.status], "", "")
            else:
                line += (STATUS_LABELS[cell.status], record.completed_on, record.expires_on or "")
        rows.append(line)
    return header, rows


PROGRESS_HEADER = [
    "Name",
    "Email",
    "Roles",
    "Current version",
    "Status",
    "Confirmed at",
    "Version read",
    "Recorded on behalf",
]


def progress_rows(document):
    """Rows of PROGRESS_HEADER for everyone who must read ``document``'s current version,
    outstanding first, then by name (as ``selectors.documents.document_progress`` orders them).

    Read as plain values: the member list (shared by the request) and each live confirmation's
    time, version and note, in two queries; no user or confirmation is loaded."""
    version = document.current_version
    current = version.label if version else ""
    audience = set(document.audience)
    labels = dict(Role.choices)
    done = confirmation_values(document.school_id, version) if version else {}
    zone = timezone.get_current_timezone()  # once: each lookup goes through the request's locals
    outstanding, confirmed = [], []
    for member in member_roles(document.school_id):
        roles = member.roles & audience
        if not roles:
            continue
        role_labels = ", ".join(labels.get(r, r) for r in sorted(roles))
        ack = done.get(member.pk)
        if ack is None:
            outstanding.append([member.full_name, member.email, role_labels, current, "outstanding", "", "", ""])
        else:
            at, label, note = ack
            when = at.astimezone(zone).strftime("%Y-%m-%d %H:%M")
            confirmed.append([member.full_name, member.email, role_labels, current, "confirmed", when, label, note])
    outstanding.sort(key=_name)
    confirmed.sort(key=_name)
    return outstanding + confirmed


def _name(row):
    return row[0]
