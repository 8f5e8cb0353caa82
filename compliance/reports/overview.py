"""The trust and local-authority overview's rows: each school's headline with the dates that
matter, the filters by figure and the totals row. Pure Python over rows already read (see
``headlines.overview_rows`` and ``assurance.selectors.last_review_dates``): no query per school.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from referrals.disclosure import FEWER_THAN_5

# A review older than this is overdue (the risk assessment and filtering: yearly).
REVIEW_EVERY = datetime.timedelta(days=365)
# DSL training that lapses within this many days is flagged, as the training matrix does.
LAPSING_SOON = datetime.timedelta(days=60)

FILTERS = {
    "red": "With red actions",
    "no_plan": "Without an action plan",
    "plan_review": "Plan review date passed or not set",
    "risk_assessment": "Risk assessment not reviewed in the last 12 months",
    "filtering": "Filtering and monitoring not reviewed in the last 12 months",
    "dsl_training": "DSL training lapsed, lapsing within 60 days or not recorded",
    "kcsie": "KCSIE (current edition) not confirmed by everyone",
    "stale": "Figures waiting to be updated",
}


@dataclass
class DateCell:
    """A date in the overview with what it means today: "ok", "due" (soon), "overdue" or "none"."""

    on: datetime.date | None
    state: str
    words: str = ""  # said instead of, or after, the date

    @property
    def flagged(self):
        return self.state in ("due", "overdue", "none")


def _date(value):
    return datetime.date.fromisoformat(value) if isinstance(value, str) else value


def _last_review(on, today):
    if on is None:
        return DateCell(None, "none", "never")
    if on < today - REVIEW_EVERY:
        return DateCell(on, "overdue", "more than 12 months ago")
    return DateCell(on, "ok")


def _plan_review(headline, today):
    if headline.get("green_percent") is None and not headline.get("actions"):
        return DateCell(None, "none", "no plan")
    on = _date(headline.get("plan_review"))
    if on is None:
        return DateCell(None, "none", "not set")
    return DateCell(on, "overdue", "passed") if on < today else DateCell(on, "ok")


def _dsl_training(headline, today):
    missing = headline.get("dsl_training_missing")
    if missing is None:
        return DateCell(None, "none", "no data yet")
    if missing:
        return DateCell(None, "overdue", f"not recorded for {missing} DSL{'s' if missing != 1 else ''}")
    on = _date(headline.get("dsl_training_expires"))
    if on is None:
        return DateCell(None, "none", "no data yet")
    if on < today:
        return DateCell(on, "overdue", "lapsed")
    if on <= today + LAPSING_SOON:
        return DateCell(on, "due", "lapsing soon")
    return DateCell(on, "ok")


def annotate(rows, reviews, today=None):
    """Give each row its date cells (``row["dates"]``) from its headline and review dates."""
    today = today or timezone.localdate()
    for row in rows:
        dates = reviews.get(row["school"].pk)
        headline = row["headline"] or {}
        row["reviews"] = dates
        row["kcsie_due_by"] = _date(headline.get("kcsie_due_by"))
        row["dates"] = {
            "risk_assessment": _last_review(dates.risk_assessment if dates else None, today),
            "filtering": _last_review(dates.filtering if dates else None, today),
            "plan_review": _plan_review(headline, today) if row["headline"] else None,
            "dsl_training": _dsl_training(headline, today) if row["headline"] else None,
        }
    return rows


def _matches(row, wanted):
    headline, dates = row["headline"], row["dates"]
    if wanted == "stale":
        return row["headline"] is None or row.get("stale", False)
    if wanted in ("risk_assessment", "filtering"):
        return dates[wanted].flagged
    if headline is None:
        return False
    if wanted == "red":
        return bool(headline.get("red"))
    if wanted == "no_plan":
        return not headline.get("actions")
    if wanted in ("plan_review", "dsl_training"):
        return dates[wanted].flagged
    if wanted == "kcsie":
        return headline.get("kcsie") is None or headline["kcsie"] < 100
    return True


def filter_rows(rows, wanted):
    """The rows whose figure ``wanted`` (a key of FILTERS) needs attention; all rows otherwise."""
    if wanted not in FILTERS:
        return rows
    return [row for row in rows if _matches(row, wanted)]


def _lowest(rows, key):
    values = [row["headline"][key] for row in rows if row["headline"] and isinstance(row["headline"].get(key), int)]
    return min(values) if values else None


def totals(rows):
    """The totals row of the schools shown: sums of counts, the lowest shares, how many dates need attention."""
    with_figures = [row for row in rows if row["headline"]]
    actions = sum(row["headline"].get("actions") or 0 for row in with_figures)
    green = sum(row["headline"].get("green") or 0 for row in with_figures)
    referrals = [row["headline"].get("referrals") for row in with_figures]

    def flagged(key):
        return sum(1 for row in rows if row["dates"].get(key) and row["dates"][key].flagged)

    return {
        "schools": len(rows),
        "actions": actions,
        "green_percent": round(100 * green / actions) if actions else None,
        "red": sum(row["headline"].get("red") or 0 for row in with_figures),
        "confirmations": _lowest(rows, "confirmations"),
        "training": _lowest(rows, "training"),
        "kcsie": _lowest(rows, "kcsie"),
        "speakers": sum(row["headline"].get("speakers") or 0 for row in with_figures),
        # Only counts shown to officers add up; schools with fewer than 5 are counted, never summed.
        "referrals": sum(value for value in referrals if isinstance(value, int)),
        "referrals_small": sum(1 for value in referrals if value == FEWER_THAN_5),
        "risk_assessment": flagged("risk_assessment"),
        "filtering": flagged("filtering"),
        "plan_review": flagged("plan_review"),
        "dsl_training": flagged("dsl_training"),
        "oldest": min((row["computed_at"] for row in with_figures), default=None),
    }
