"""The governors' summary: what a governing body reads first, before the detail.

What is red and why; what changed since the last frozen report (each action whose status
changed, from the actions' history); what is due in the next six weeks or overdue; and the
questions governors may want to ask, drawn from those items (or, when nothing is wrong, a few
that inspectors ask of every school: DOMAIN.md). Built from the report's own actions, with one
query more (the history since the last frozen report).
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator

from ..measures import REGISTRY
from ..models import RAG, Action, ActionHistory

WINDOW = datetime.timedelta(weeks=6)  # "due soon": before the next governors' meeting, roughly
SHOWN = 10  # items listed in each part; the rest are counted and found in the detail after it
WORDS = 25  # an action's text in the summary: its first words

GENERIC_QUESTIONS = [
    "When was the Prevent risk assessment last reviewed, and does it reflect the local risks "
    "from the counter-terrorism local profile?",
    "Have all staff read the current edition of Keeping children safe in education, and had "
    "Prevent awareness training?",
    "Have the DSL and deputies refreshed their training within the last two years?",
    "How were external speakers and lettings checked this term, and was any request refused?",
    "When were filtering and monitoring last reviewed, and which governor is responsible for them?",
    "Is every decision not to refer a concern recorded with its reasons?",
]


@dataclass
class RedAction:
    text: str
    owner: str
    reason: str


@dataclass
class StatusChange:
    text: str
    before: str
    after: str
    on: datetime.date


@dataclass
class DueItem:
    text: str  # the action, or the review
    kind: str  # "target date", "review"
    due_on: datetime.date
    overdue: bool


@dataclass
class GovernorsSummary:
    today: datetime.date
    window_end: datetime.date
    has_plan: bool = False
    red: list = field(default_factory=list)
    red_more: int = 0
    snapshot: object = None  # the last frozen report, or None
    status_changes: list = field(default_factory=list)
    status_changes_more: int = 0
    figure_changes: int = 0
    due: list = field(default_factory=list)
    due_more: int = 0
    overdue_count: int = 0
    questions: list = field(default_factory=list)


def red_reason(action):
    """Why ``action`` is red, in words: the action's own reason where it gives one, else the rule of
    ``Action.rag`` in words."""
    own = getattr(action, "rag_reason", "")
    if own:
        return own.rstrip(".")
    reasons = []
    if action.status == Action.Status.NEEDS_ATTENTION:
        reasons.append("marked as needing attention")
    if action.is_overdue:
        reasons.append(f"its target date, {_day(action.target_date)}, has passed and it is not in place")
    result = action.measure_result
    if action.measure_shortfall and result.percent < action.threshold / 2:
        kind = REGISTRY.get(action.measure_key)
        label = kind.label if kind else "its live evidence"
        reasons.append(f"{label} is at {result.percent}%, less than half of the {action.threshold}% needed")
    return "; ".join(reasons) or "rated red"


def _short(text):
    """An action's text cut to its first words: the summary stays short; the plan has it whole."""
    return Truncator(text).words(WORDS)


def _day(day):
    return date_format(day, "j F Y")


def _status_label(value):
    return dict(Action.Status.choices).get(value, str(value or "not set"))


def _status_changes(plan, snapshot):
    if plan is None or snapshot is None:
        return []
    entries = (
        ActionHistory.objects.filter(action__plan=plan, at__gt=snapshot.created_at, changes__has_key="status")
        .select_related("action")
        .order_by("at", "pk")
    )
    changes = []
    for entry in entries:
        pair = entry.changes.get("status")
        if isinstance(pair, list | tuple) and len(pair) == 2:
            before, after = pair
            on = timezone.localdate(entry.at)
            changes.append(StatusChange(entry.action.text, _status_label(before), _status_label(after), on))
    return changes


def _due(actions, assurance, today, window_end):
    items = []
    for action in actions:
        if action.status != Action.Status.IN_PLACE and action.target_date and action.target_date <= window_end:
            items.append(DueItem(action.text, "target date", action.target_date, action.target_date < today))
        if action.review_date and action.review_date <= window_end:
            items.append(DueItem(action.text, "review", action.review_date, action.review_date < today))
    state = assurance.risk_assessment if assurance else None
    if state and state.review_due_on and state.review_due_on <= window_end:
        what = "The Prevent risk assessment"
        items.append(DueItem(what, "yearly review", state.review_due_on, state.review_overdue))
    filtering = assurance.filtering if assurance else None
    if filtering and filtering.review_due_on and filtering.review_due_on <= window_end:
        what = "Filtering and monitoring"
        items.append(DueItem(what, "yearly review", filtering.review_due_on, filtering.review_overdue))
    return sorted(items, key=lambda item: (not item.overdue, item.due_on, item.text))


def _questions(red, due):
    asked = "what is being done, by whom, and by when?"
    questions = [f"“{_short(item.text)}” is red ({item.reason}): {asked}" for item in red[:3]]
    late = "what is the new date, and what stands in the way?"
    overdue = [item for item in due if item.overdue][:2]
    questions += [f"“{_short(item.text)}” ({item.kind}) was due on {_day(item.due_on)}: {late}" for item in overdue]
    for generic in GENERIC_QUESTIONS:
        if len(questions) >= 5:
            break
        questions.append(generic)
    return questions


def governors_summary(report, actions, today=None):
    """The summary of ``report`` (a SchoolReport) from its plan's ``actions`` (measures attached)."""
    today = today or timezone.localdate()
    summary = GovernorsSummary(today=today, window_end=today + WINDOW, has_plan=report.plan.plan is not None)
    red = [RedAction(a.text, a.owner_text, red_reason(a)) for a in actions if a.rag == RAG.RED]
    summary.red, summary.red_more = red[:SHOWN], max(0, len(red) - SHOWN)
    summary.snapshot = report.last_snapshot
    changes = _status_changes(report.plan.plan, report.last_snapshot)
    summary.status_changes, summary.status_changes_more = changes[-SHOWN:], max(0, len(changes) - SHOWN)
    summary.figure_changes = len(report.changes)
    due = _due(actions, report.assurance, today, summary.window_end)
    summary.due, summary.due_more = due[:SHOWN], max(0, len(due) - SHOWN)
    summary.overdue_count = sum(1 for item in due if item.overdue)
    summary.questions = _questions(red, due)
    return summary
