"""The register as CSV, with cells that a spreadsheet would run as a formula made harmless."""

import csv
import io

from core.spreadsheets import safe_cell


def register_csv(rows, *, with_contacts):
    """CSV text of the requests; personal contact details only when ``with_contacts``."""
    header = ["Event", "Kind", "Date and time", "Place", "Speaker(s)", "Organisation"]
    if with_contacts:
        header += ["Contact", "Contact email", "Contact phone"]
    header += ["Audience", "Expected size", "Invited by", "Status", "Decision", "Risk", "Dates", "Cancelled dates"]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for r in rows:
        line = [r.event_title, r.get_kind_display(), f"{r.starts_at:%Y-%m-%d %H:%M}", r.place, r.speaker_names]
        line.append(r.organisation)
        if with_contacts:
            line += [r.contact_name, r.contact_email, r.contact_phone]
        line += [r.year_groups, r.expected_size, r.invited_by, r.get_status_display(), r.latest_outcome or ""]
        line += [r.get_risk_rating_display(), getattr(r, "date_count", 0) or 1, getattr(r, "cancelled_count", 0)]
        writer.writerow([safe_cell(v) for v in line])
    return out.getvalue()
