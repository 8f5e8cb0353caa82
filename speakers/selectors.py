"""Reads that the speaker pages, the home page and the compliance measures share."""

from collections import Counter

from django.db.models import Count, OuterRef, Q, Subquery
from django.utils import timezone

from .models import OPEN_STATUSES, CheckTemplate, Decision, DueDiligenceCheck, SpeakerRequest, Status

APPROVED_STATUSES = (Status.APPROVED, Status.APPROVED_WITH_CONDITIONS)


def checklist(school, kind=None):
    """The school's active due-diligence checks, in order; only those for ``kind`` if given."""
    templates = CheckTemplate.objects.filter(school=school, active=True)
    return [t for t in templates if kind is None or t.applies_to(kind)]


def outstanding_checks(speaker_request, templates=None, checks=None):
    """The checks still to do before the request may be approved.

    Only the checks for the request's kind count. A check marked 'only where there are
    concerns' is required once any other check of the request found concerns. ``templates``
    (the school's active checks, of any kind) and ``checks`` may be passed in to save queries.
    """
    templates = checklist(speaker_request.school_id) if templates is None else templates
    checks = list(speaker_request.checks.all()) if checks is None else checks
    done = {c.template_id for c in checks}
    concerns = any(c.result == DueDiligenceCheck.Result.CONCERNS for c in checks)
    return [
        t
        for t in templates
        if t.applies_to(speaker_request.kind) and t.pk not in done and (concerns or not t.only_if_concerns)
    ]


def decisions_of(speaker_request):
    """Every decision on the request, oldest first (a later one supersedes the one before)."""
    return list(speaker_request.decisions.select_related("decided_by", "supersedes"))


def letting_dates(speaker_request):
    """Every date of a letting, in order, with who cancelled any."""
    return list(speaker_request.dates.select_related("cancelled_by"))


def letters_of(speaker_request):
    """The letters to the speaker or hirer, by the decision they report ({decision id: letter})."""
    letters = speaker_request.letters.select_related("reviewed_by", "sent", "sent__sent_by")
    return {letter.decision_id: letter for letter in letters}


def latest_decision(speaker_request):
    return speaker_request.decisions.order_by("-decided_at", "-pk").select_related("decided_by").first()


def _latest_outcome():
    return Subquery(
        Decision.objects.filter(request=OuterRef("pk")).order_by("-decided_at", "-pk").values("outcome")[:1]
    )


def register(school):
    """Every request of the school with its latest decision's outcome and, for a letting, how many
    dates it has and how many are cancelled; soonest events last."""
    return (
        SpeakerRequest.objects.filter(school=school)
        .select_related("invited_by")
        .annotate(
            latest_outcome=_latest_outcome(),
            date_count=Count("dates", distinct=True),
            cancelled_count=Count("dates", filter=Q(dates__cancelled_at__isnull=False), distinct=True),
        )
        .order_by("-starts_at", "-pk")
    )


def my_requests(school, user):
    """Requests the person raised or invited, newest event first."""
    return (
        SpeakerRequest.objects.filter(school=school)
        .filter(Q(requested_by=user) | Q(invited_by=user))
        .select_related("invited_by")
        .annotate(latest_outcome=_latest_outcome())
        .order_by("-starts_at", "-pk")
    )


def upcoming_events(school, limit=10):
    """Approved events still to come, soonest first."""
    return list(
        SpeakerRequest.objects.filter(school=school, status__in=APPROVED_STATUSES, starts_at__gte=timezone.now())
        .select_related("invited_by")
        .order_by("starts_at")[:limit]
    )


def history_of(speaker_request):
    """Other requests of the school for the same speaker(s) or the same organisation."""
    same = Q(speaker_names__iexact=speaker_request.speaker_names)
    if speaker_request.organisation.strip():
        same |= Q(organisation__iexact=speaker_request.organisation.strip())
    return list(
        SpeakerRequest.objects.filter(school=speaker_request.school_id)
        .filter(same)
        .exclude(pk=speaker_request.pk)
        .select_related("evaluation")
        .annotate(latest_outcome=_latest_outcome())
        .order_by("-starts_at")[:20]
    )


def awaiting_lead_counts(school):
    """How many requests with an outline wait for checks, and how many for a decision (one query)."""
    counts = dict(
        SpeakerRequest.objects.filter(school=school, status__in=(Status.AWAITING_CHECKS, Status.AWAITING_DECISION))
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return counts.get(Status.AWAITING_CHECKS, 0), counts.get(Status.AWAITING_DECISION, 0)


def my_open_requests(school, user):
    """The person's own requests that have no decision yet (a queryset: the home page counts it
    with its other counts, in one query)."""
    return SpeakerRequest.objects.filter(school=school, status__in=OPEN_STATUSES).filter(
        Q(requested_by=user) | Q(invited_by=user)
    )


def speaker_summary(school, start, end):
    """Counts of the requests whose event falls between ``start`` and ``end`` (dates, inclusive).

    Returns ``{"total": n, "by_kind": {...}, "by_status": {...}, "by_decision": {...}}`` keyed by
    the choice values (``by_decision`` has ``"none"`` for requests not yet decided). One query.
    """
    rows = (
        SpeakerRequest.objects.filter(school=school, starts_at__date__gte=start, starts_at__date__lte=end)
        .annotate(latest_outcome=_latest_outcome())
        .values_list("kind", "status", "latest_outcome")
    )
    by_kind, by_status, by_decision = Counter(), Counter(), Counter()
    for kind, status, outcome in rows:
        by_kind[kind] += 1
        by_status[status] += 1
        by_decision[outcome or "none"] += 1
    return {
        "total": sum(by_kind.values()),
        "by_kind": dict(by_kind),
        "by_status": dict(by_status),
        "by_decision": dict(by_decision),
    }


def due_diligence_record(school, start, end):
    """How many events between ``start`` and ``end`` had due diligence done in time.

    An event counts as met when it had an outline, every required check was done, and a decision
    with its justification was recorded, all before the event's date and time. Returns
    ``(met, total, shortfall)`` where shortfall lists the titles of events that fell short.
    Three queries whatever the number of events.
    """
    templates = checklist(school)
    requests = list(
        SpeakerRequest.objects.filter(school=school, starts_at__date__gte=start, starts_at__date__lte=end)
        .prefetch_related("checks", "decisions")
        .order_by("starts_at")
    )
    met, shortfall = 0, []
    for item in requests:
        checks = [c for c in item.checks.all() if c.done_at <= item.starts_at]
        first = min(item.decisions.all(), key=lambda d: (d.decided_at, d.pk), default=None)
        if (
            item.has_outline
            and not outstanding_checks(item, templates=templates, checks=checks)
            and first is not None
            and first.justification.strip()
            and first.decided_at <= item.starts_at
        ):
            met += 1
        else:
            shortfall.append(f"{item.event_title} ({item.starts_at:%d %b %Y})")
    return met, len(requests), shortfall
