"""The overview's headline figures, kept per school and period (``SchoolHeadline``), and kept fresh.

``headline_refresh(school_id)`` computes a school's report and stores its headline. Whatever
feeds the figures (an acknowledgement, a training record, the plan and its actions, a document
version, the risk assessment, self-assessment and filtering reviews, speaker decisions, concerns:
``compliance.reports.headline_feeds``) calls ``headline_refresh_soon`` when it is saved, which runs
``headline_refresh_request`` once the transaction commits: the school's stored headlines are
marked stale and the current one is recomputed at once, at most once per ``REFRESH_INTERVAL``
(debounced); a headline left stale is recomputed on the overview's next read, by the next
change after the interval, or by ``manage.py refresh_headlines --stale``. The dashboard stores
the headline of the report it already has, and ``manage.py refresh_headlines`` refreshes every
school nightly. ``overview_rows`` reads every school's headline in one query and computes at
most ``MISSING_PER_REQUEST`` missing or stale ones on the request.
"""

import datetime
import json
import logging

from django.db import connection, transaction
from django.utils import timezone

from accounts.models import School
from core import periods

from ..models import SchoolHeadline
from .report_data import school_report

logger = logging.getLogger(__name__)

MISSING_PER_REQUEST = 5
# A school's headline is recomputed at most this often by the changes that feed it.
REFRESH_INTERVAL = datetime.timedelta(seconds=60)


def headline_store(report, *, if_changed=False):
    """Store ``report``'s headline as its school's figures for its period (fresh: not stale).

    With ``if_changed`` (a dashboard seen again), a stored headline that is fresh and holds these
    very figures is left as it is, its "as of" time that of its computation: one read, no write."""
    if if_changed:
        stored = SchoolHeadline.objects.filter(school=report.school, period_key=report.period.key).first()
        if (
            stored is not None
            and stored.stale_since is None
            and stored.period_label == report.period.label
            and stored.figures == json.loads(json.dumps(report.headline))
        ):
            return stored
    headline, _ = SchoolHeadline.objects.update_or_create(
        school=report.school,
        period_key=report.period.key,
        defaults={
            "period_label": report.period.label,
            "computed_at": report.generated_at,
            "figures": report.headline,
            "stale_since": None,
        },
    )
    return headline


def headline_refresh(school_id, period_key=None):
    """Compute the school's report for the period (its key; default this academic year) and store
    its headline. A plain function of ids, so that a background task can run it."""
    school = School.objects.get(pk=school_id)
    period = (periods.parse(period_key) if period_key else None) or periods.academic_year()
    return headline_store(school_report(school, period))


def headline_mark_stale(school_id, changed_at):
    """The school's stored headlines computed before ``changed_at`` are stale from then; how many."""
    return SchoolHeadline.objects.filter(
        school_id=school_id, computed_at__lt=changed_at, stale_since__isnull=True
    ).update(stale_since=changed_at)


def headline_refresh_request(school_id, changed_at=None):
    """Something that feeds the school's figures changed at ``changed_at`` (and is committed).

    Marks the school's stored headlines computed before the change as stale, then recomputes this
    academic year's now unless it was computed within ``REFRESH_INTERVAL`` (it then stays stale
    until the next read, the next change or ``refresh_headlines --stale``). Returns the headline
    recomputed, or None.
    """
    changed_at = changed_at or timezone.now()
    if not School.objects.filter(pk=school_id).exists():
        return None  # the school itself was deleted
    headline_mark_stale(school_id, changed_at)
    period = periods.academic_year()
    current = SchoolHeadline.objects.filter(school_id=school_id, period_key=period.key).only("computed_at").first()
    if current is not None:
        if current.computed_at >= changed_at:
            return None  # computed after the change: it shows it already
        if current.computed_at > timezone.now() - REFRESH_INTERVAL:
            return None  # debounced: recomputed lately
    return headline_refresh(school_id, period.key)


class _Refresh:
    """The on-commit callback of ``headline_refresh_soon``: one per school and transaction."""

    def __init__(self, school_id, changed_at):
        self.school_id, self.changed_at = school_id, changed_at

    def __call__(self):
        # Stale at once (the overview says "update pending"), recomputed by a task worker: a web
        # request never waits on the school's figures.
        from ..tasks import refresh_headline

        if (
            headline_mark_stale(self.school_id, self.changed_at)
            or not SchoolHeadline.objects.filter(school_id=self.school_id, stale_since__isnull=False).exists()
        ):
            # Debounced: while a refresh is pending (the figures already stale), a change asks no more.
            refresh_headline.enqueue(school_id=self.school_id, changed_at=self.changed_at.isoformat())


def headline_refresh_soon(school_id):
    """Ask for the school's figures to be refreshed once the current transaction commits (at once
    outside one). Several changes to one school in a transaction ask once; a failing refresh is
    logged and never undoes the change that asked for it."""
    if school_id is None:
        return
    if connection.in_atomic_block:
        # Already asked in this very (save)point of the transaction: once is enough.
        here = set(connection.savepoint_ids)
        if any(
            sids == here and isinstance(func, _Refresh) and func.school_id == school_id
            for sids, func, _ in connection.run_on_commit
        ):
            return
    transaction.on_commit(_Refresh(school_id, timezone.now()), robust=True)


def refresh_stale(limit=None):
    """Recompute stale headlines, oldest change first (``limit`` at most); returns how many."""
    stale = SchoolHeadline.objects.filter(stale_since__isnull=False).order_by("stale_since")
    done = 0
    for headline in stale[:limit] if limit else stale:
        headline_refresh(headline.school_id, headline.period_key)
        done += 1
    return done


def overview_rows(schools, period, *, compute_missing=MISSING_PER_REQUEST):
    """A row per school: {"school", "headline" (figures or None), "computed_at" (or None), "stale"}.

    One query for the stored headlines; up to ``compute_missing`` schools without one, or whose
    one is stale, are computed now (in name order), the others are listed as they are.
    """
    stored = {
        h.school_id: h for h in SchoolHeadline.objects.filter(school__in=[s.pk for s in schools], period_key=period.key)
    }
    rows = []
    for school in schools:
        headline = stored.get(school.pk)
        if (headline is None or headline.stale_since is not None) and compute_missing > 0:
            headline = headline_store(school_report(school, period))
            compute_missing -= 1
        rows.append(
            {
                "school": school,
                "headline": headline.figures if headline else None,
                "computed_at": headline.computed_at if headline else None,
                "stale": bool(headline and headline.stale_since),
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
