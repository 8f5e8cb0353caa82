"""The training matrix and a document's confirmations as (header, rows) tables: the pages' CSV
downloads and the inspection evidence pack write the same columns."""

from django.utils import timezone


def matrix_table(matrix):
    """(header, rows) of a ``training.selectors.courses.Matrix``: a row per person, three columns per course."""
    header = ["Name", "Email", "Roles"]
    for course in matrix.courses:
        header += [f"{course.title}: status", f"{course.title}: completed on", f"{course.title}: expires on"]
    rows = []
    for row in matrix.rows:
        line = [row.user.full_name, row.user.email, "; ".join(row.roles)]
        for cell in row.cells:
            if cell is None:
                line += ["not required", "", ""]
            else:
                record = cell.record
                line += [cell.label, record.completed_on if record else "", cell.expires_on or ""]
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


def progress_rows(document, people):
    """Rows of PROGRESS_HEADER for ``people`` (``selectors.documents.document_progress``) of ``document``."""
    version = document.current_version
    rows = []
    for p in people:
        ack = p.acknowledgement
        rows.append(
            [
                p.user.full_name,
                p.user.email,
                ", ".join(p.role_labels),
                version.label if version else "",
                "confirmed" if ack else "outstanding",
                timezone.localtime(ack.confirmed_at).strftime("%Y-%m-%d %H:%M") if ack else "",
                ack.version.label if ack else "",
                ack.on_behalf_note if ack else "",
            ]
        )
    return rows
