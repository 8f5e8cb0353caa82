"""The overview's headline figures, kept per school and period (``SchoolHeadline``).

``headline_refresh`` computes a school's report and stores its headline; the dashboard calls
``headline_store`` with the report it already has, and ``manage.py refresh_headlines`` refreshes
every school nightly. ``overview_rows`` reads every school's headline in one query and computes
at most ``MISSING_PER_REQUEST`` missing ones on the request, so the page stays fast at any number
of schools and becomes complete over a few views even before the nightly run.
"""

from .models import SchoolHeadline
from .report_data import school_report

MISSING_PER_REQUEST = 5


def headline_store(report):
    """Store ``report``'s headline as its school's figures for its period."""
    headline, _ = SchoolHeadline.objects.update_or_create(
        school=report.school,
        period_key=report.period.key,
        defaults={
            "period_label": report.period.label,
            "computed_at": report.generated_at,
            "figures": report.headline,
        },
    )
    return headline


def headline_refresh(school, period):
    """Compute ``school``'s report for ``period`` and store its headline."""
    return headline_store(school_report(school, period))


def overview_rows(schools, period, *, compute_missing=MISSING_PER_REQUEST):
    """A row per school: {"school", "headline" (figures or None), "computed_at" (or None)}.

    One query for the stored headlines; up to ``compute_missing`` schools without one are
    computed now (in name order), the others are listed without figures.
    """
    stored = {
        h.school_id: h for h in SchoolHeadline.objects.filter(school__in=[s.pk for s in schools], period_key=period.key)
    }
    rows = []
    for school in schools:
        headline = stored.get(school.pk)
        if headline is None and compute_missing > 0:
            headline = headline_refresh(school, period)
            compute_missing -= 1
        rows.append(
            {
                "school": school,
                "headline": headline.figures if headline else None,
                "computed_at": headline.computed_at if headline else None,
            }
        )
    return rows


def _sort_value(value):
    return value if isinstance(value, int | float) else -1


def sort_rows(rows, sort):
    """Sort ``rows`` in place by a headline figure (or "name"), "-" first for descending.

    Schools without figures yet, and figures that do not apply (no plan, no documents), come
    last whichever the direction.
    """
    field = sort.lstrip("-")
    descending = sort.startswith("-")
    rows.sort(key=lambda row: row["school"].name.lower())
    if field == "name":
        if descending:
            rows.reverse()
        return rows
    present = [r for r in rows if r["headline"] is not None and r["headline"].get(field) is not None]
    absent_value = [r for r in rows if r["headline"] is not None and r["headline"].get(field) is None]
    missing = [r for r in rows if r["headline"] is None]
    # A withheld small count ("fewer than 5") sorts below every number, all of them equal, so
    # that the order among them (by name) tells nothing more.
    present.sort(key=lambda row: _sort_value(row["headline"][field]), reverse=descending)
    rows[:] = present + absent_value + missing
    return rows
