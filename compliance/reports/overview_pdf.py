"""The trust/local-authority overview's rows, and its combined PDF, built by a background task
(compliance.tasks): at hundreds of schools it takes longer than a web request should."""

from django.utils import timezone

from accounts.audit import AuditAction, record_event
from accounts.models import School
from accounts.selectors import organisations_of
from assurance.selectors import last_review_dates

from . import headlines, snapshots
from .report_render import render_overview_pdf


def overview_rows_for(user, period, sort="name"):
    """Every school ``user`` oversees, with its headline and last reviews, sorted by ``sort``."""
    schools = list(School.objects.filter(organisation__in=organisations_of(user)).order_by("name"))
    rows = headlines.overview_rows(schools, period)
    # When each school last reviewed its risk assessment, self-assessment and filtering: one query, always fresh.
    reviews = last_review_dates([row["school"].pk for row in rows])
    for row in rows:
        row["reviews"] = reviews.get(row["school"].pk)
    return headlines.sort_rows(rows, sort)


def overview_pdf_build(*, user, period):
    """(PDF bytes, file name) of the combined report of ``user``'s schools; an export event for each."""
    rows = overview_rows_for(user, period)
    label = ", ".join(o.name for o in organisations_of(user)) or "Your schools"
    for row in rows:
        record_event(
            action=AuditAction.EXPORT,
            by=user,
            school=row["school"],
            object_type="compliance.report",
            object_id=period.key,
            changes={"what": "overview-pdf"},
        )
    filename = snapshots.report_filename(label, timezone.localdate(), what="prevent-overview")
    return render_overview_pdf(label, period, rows), filename
