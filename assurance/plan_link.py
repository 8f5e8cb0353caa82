"""The action plan, as the assurance pages see it, without importing compliance.

Dependencies point one way (DESIGN.md): compliance reads assurance (the report, the home page,
the live measures), so assurance may not import compliance. Yet "further action" on a risk, a
self-assessment statement below the expected level and a filtering gap each become actions of
the plan, and their progress shows back here. So the link is stored on the compliance side
(``compliance.models.ActionSource``), the views that raise or link an action live in compliance,
and compliance registers a provider here when it starts (``ComplianceConfig.ready``). The
assurance pages ask this module; without compliance installed they show no plan at all.

Kinds of source: "risk" (a Risk), "rating" (a StatementRating), "filtering-review" and
"filtering-check".
"""

import datetime
from dataclasses import dataclass
from typing import Protocol

KINDS = ("risk", "rating", "filtering-review", "filtering-check")


@dataclass(frozen=True)
class LinkedAction:
    """An action of the plan linked to an assurance record, with its progress."""

    pk: int
    text: str
    status: str  # the action's status value
    status_label: str
    target_date: datetime.date | None
    is_overdue: bool
    is_done: bool
    url: str
    plan_year: str
    raised_here: bool  # made from this record (True) or an existing action linked to it (False)


class PlanProvider(Protocol):
    def linked_actions(self, school, kind, ids) -> dict: ...

    def raise_url(self, kind, pk) -> str: ...

    def link_url(self, kind, pk) -> str: ...

    def action_choices(self, school) -> list: ...


_provider: PlanProvider | None = None


def register(provider):
    """Called by compliance at start-up."""
    global _provider
    _provider = provider


def available():
    return _provider is not None


def linked_actions(school, kind, ids):
    """{record id: [LinkedAction, ...]} for the records of ``kind`` (one query); {} without a plan."""
    ids = list(ids)
    if _provider is None or not ids:
        return {}
    return _provider.linked_actions(school, kind, ids)


def raise_url(kind, pk):
    """Where to POST to make a plan action from the record ("" without a plan)."""
    return _provider.raise_url(kind, pk) if _provider else ""


def link_url(kind, pk):
    """Where to POST an existing action's id to link it to the record ("" without a plan)."""
    return _provider.link_url(kind, pk) if _provider else ""


def action_choices(school):
    """(id, text) of the actions of the school's current plan, to link one to a record."""
    return _provider.action_choices(school) if _provider else []
