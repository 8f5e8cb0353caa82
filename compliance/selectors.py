"""Reads of the action plan shared by its pages, the home page and the governors' reports."""

import json
import logging
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.timezone import localdate

from accounts.access import capability_of
from referrals.disclosure import sees_exact_counts, shown_count, shown_share

from .measures import REGISTRY, MeasureKind, MeasureResult, measure_label, no_data_words
from .models import OWNER_ROLES, RAG, Action, ActionPlan, ChallengeEntry, EvidenceItem

logger = logging.getLogger(__name__)


def plans_of(school):
    """Every plan of the school, newest academic year first."""
    return ActionPlan.objects.filter(school=school).order_by("-academic_year")


def current_plan(school):
    """The plan being worked on: the newest one that has not been rolled over, or None."""
    return plans_of(school).filter(closed_at__isnull=True).first()


def owners_for(roles):
    """The owner values whose actions belong to someone holding ``roles``."""
    return [owner for owner, owner_roles in OWNER_ROLES.items() if owner_roles & set(roles)]


def plan_actions(plan):
    """The plan's actions in the document's order, with what the plan table shows."""
    return (
        Action.objects.filter(plan=plan)
        .select_related("evidence__duty__area", "last_reviewed_by")
        .prefetch_related("people")
        .annotate(
            evidence_count=Count("evidence_items", distinct=True),
            earlier_evidence_count=Count("carried_from__evidence_items", distinct=True),
        )
    )


def my_actions_q(user, roles):
    """The actions a person owns: through a role they hold or because they are named on it."""
    return Q(owner__in=owners_for(roles)) | Q(people=user)


def my_actions(plan, user, roles):
    """The actions of ``plan`` that ``user`` owns, in the document's order."""
    return plan_actions(plan).filter(my_actions_q(user, roles)).distinct()


def my_open_actions(school, user, roles):
    """The actions of the current plan the person owns that are not yet in place, as distinct
    ids (a queryset: the home page counts it with its other counts, in one query)."""
    return (
        Action.objects.filter(plan__school=school, plan__closed_at__isnull=True)
        .filter(my_actions_q(user, roles))
        .exclude(status=Action.Status.IN_PLACE)
        .values("pk")
        .distinct()
    )


def count_actions_needing_attention(school):
    """Actions of the current plan marked "needs attention" or past their target date.

    Counted in the database, without the live measures, so the home page stays cheap.
    """
    return (
        Action.objects.filter(plan__school=school, plan__closed_at__isnull=True)
        .filter(
            Q(status=Action.Status.NEEDS_ATTENTION) | Q(target_date__lt=localdate()) & ~Q(status=Action.Status.IN_PLACE)
        )
        .count()
    )


def attach_measures(school, actions, caps=None):
    """Compute each linked measure once (per kind and parameters) and give actions their result.

    A measure whose key is no longer registered, or that fails, leaves the action without a
    result (shown as "not available") rather than breaking the page. With ``caps`` (the
    viewer's), each action with a measure also gets ``measure_shown``: what that viewer sees.
    Each also gets ``measure_label``: the measure in words, naming its document or course.
    """
    results = {}
    for action in actions:
        if not action.measure_key:
            continue
        cache_key = (action.measure_key, json.dumps(action.measure_params, sort_keys=True))
        if cache_key not in results:
            kind = REGISTRY.get(action.measure_key)
            result = None
            if kind is not None:
                try:
                    result = kind.compute(school, **(action.measure_params or {}))
                except Exception:
                    logger.exception("Measure %s failed for school %s", action.measure_key, school.pk)
            results[cache_key] = result
        action.measure_result = results[cache_key]
        action.measure_label = measure_label(action.measure_key, action.measure_result)
        if caps is not None:
            action.measure_shown = _measure_shown(action, caps)
    return actions


@dataclass
class MeasureShown:
    """What one person sees of an action's live evidence (``result`` is None: not available)."""

    kind: MeasureKind | None
    result: MeasureResult | None
    no_data: bool = False  # nothing to measure, and this viewer may know it
    numerator: int | str = ""  # str: a referral count withheld from this viewer (referrals.disclosure)
    denominator: int | str = ""
    percent: str = ""  # "60%", or words: no data yet, or the share withheld
    shortfall_count: int | None = None  # how many behind the shortfall; None: not shown at all
    names: bool = False  # who or what is behind the shortfall, or only how many
    detail_url: str = ""  # the page with the details, or "" if the person may not open it


def _measure_shown(action, caps):
    """The action's measure as ``caps`` may see it, or None if they may not see it at all."""
    kind = REGISTRY.get(action.measure_key)
    if kind is not None and kind.capability not in caps:
        return None  # e.g. referral measures: never for every member of staff
    result = action.measure_result
    if result is None:
        return MeasureShown(kind=kind, result=None)
    exact = kind is None or not kind.counts_referrals or sees_exact_counts(caps)
    # Nothing to measure reads as words, but only where the count behind it may be seen: an empty
    # count of concerns is withheld like any small one.
    no_data = result.no_data and exact
    share = (
        no_data_words(kind)
        if no_data
        else shown_share(result.numerator, result.denominator, result.percent or 0, exact=exact)
    )
    # A link only to a page that names its capability and lets this person in.
    detail_capability = capability_of(result.detail_url)
    return MeasureShown(
        kind=kind,
        result=result,
        no_data=no_data,
        numerator=shown_count(result.numerator, exact=exact),
        denominator=shown_count(result.denominator, exact=exact),
        percent=f"{share}%" if isinstance(share, int) else share,
        shortfall_count=len(result.shortfall) if exact and result.shortfall else None,
        names=kind is not None and kind.names_capability in caps,
        detail_url=result.detail_url if detail_capability and detail_capability in caps else "",
    )


def evidence_items_for(action):
    """The action's evidence items and, after a rollover, those of the same action in earlier years."""
    ids = [action.pk]
    earlier = action.carried_from_id
    seen = 0
    while earlier and seen < 20:  # a few years back at most
        ids.append(earlier)
        earlier = Action.objects.filter(pk=earlier).values_list("carried_from_id", flat=True).first()
        seen += 1
    return (
        EvidenceItem.objects.filter(action_id__in=ids).select_related("added_by", "action__plan").order_by("-added_at")
    )


@dataclass
class Row:
    """One action of the plan table, with the duty and evidence cells it starts (if any)."""

    action: Action
    duty_rowspan: int = 0
    evidence_rowspan: int = 0


@dataclass
class AreaTable:
    area: object
    rows: list = field(default_factory=list)


def plan_table(actions):
    """Group actions by area, as the document's table does, with row spans for duty and evidence."""
    tables = []
    duty_rows, evidence_rows = {}, {}
    for action in actions:
        area = action.evidence.duty.area
        if not tables or tables[-1].area.pk != area.pk:
            tables.append(AreaTable(area=area))
        row = Row(action=action)
        duty_id, evidence_id = action.evidence.duty_id, action.evidence_id
        if duty_id not in duty_rows:
            duty_rows[duty_id] = row
        duty_rows[duty_id].duty_rowspan += 1
        if evidence_id not in evidence_rows:
            evidence_rows[evidence_id] = row
        evidence_rows[evidence_id].evidence_rowspan += 1
        tables[-1].rows.append(row)
    return tables


def rag_counts(actions):
    """{"red": n, "amber": n, "green": n} over actions whose measures are attached."""
    counts = dict.fromkeys(RAG.values, 0)
    for action in actions:
        counts[action.rag] += 1
    return counts


def unanswered_question_count(school):
    """Governors' questions in the challenge log of the school's frozen reports still without an answer."""
    return ChallengeEntry.objects.filter(snapshot__school=school, answer="").count()
