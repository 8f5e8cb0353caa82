"""Reads of referrals shared by pages, the home page and reports."""

from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
from django.utils import timezone

from .default_contacts import defaults_for
from .directory import NATIONAL_PURPOSES, describe, directory, missing_sentence
from .models import (
    LOCAL_PURPOSES,
    AgreedAction,
    Case,
    CaseAccess,
    ChannelReview,
    ContactPurpose,
    Decision,
    LegalHold,
    LocalContact,
    Outcome,
)


def contacts_for(school):
    """(local, national) contacts to show staff: the school's own, or the defaults of its area."""
    contacts = list(LocalContact.objects.filter(school=school))
    if contacts:
        return [c for c in contacts if not c.is_national], [c for c in contacts if c.is_national]
    return defaults_for(school)


@dataclass(frozen=True)
class LocalContactsState:
    """Whether the school's local contacts are known: from the directory, or added by the school."""

    local_authority: str
    area: object  # the directory's referrals.directory.Area for the authority, or None
    own_purposes: frozenset  # purposes the school's own local contacts are recorded for

    @property
    def in_directory(self):
        return self.area is not None

    @property
    def is_complete(self):
        """A school can act on a concern: its Prevent referral route is known one way or the other."""
        return self.in_directory or ContactPurpose.PREVENT_REFERRAL in self.own_purposes


def local_contacts_state(school):
    """The school's LocalContactsState. One query."""
    own = LocalContact.objects.filter(school=school, is_national=False).exclude(purpose="")
    return LocalContactsState(
        local_authority=school.local_authority,
        area=directory().area_for(school.local_authority),
        own_purposes=frozenset(own.values_list("purpose", flat=True)),
    )


def plan_contact_texts(school):
    """{purpose: sentence} for each ``{contact:<purpose>}`` a plan template may name. One query.

    A local purpose comes from the directory's entry for the school's local authority (its own
    words, with their source), else from the school's own contacts of that purpose, else it is a
    sentence asking the Prevent Lead to add it: never another authority's number.
    """
    book = directory()
    area = book.area_for(school.local_authority)
    own = list(LocalContact.objects.filter(school=school, is_national=False).exclude(purpose=""))
    texts = {}
    for purpose in LOCAL_PURPOSES:
        text = area.text_for(purpose) if area else ""
        texts[purpose] = (
            text or describe(purpose, [c for c in own if c.purpose == purpose]) or missing_sentence(purpose)
        )
    for purpose in NATIONAL_PURPOSES:
        texts[purpose] = book.national_text(purpose)
    return texts


def cases_of(school):
    """The school's cases with their latest decision and counts of open and overdue agreed actions."""
    today = timezone.localdate()
    latest = Decision.objects.filter(case=OuterRef("pk")).order_by("-decided_on", "-pk").values("kind")[:1]
    return (
        Case.objects.filter(school=school)
        .select_related("raised_by")
        .annotate(
            latest_decision=Subquery(latest),
            open_actions=Count("agreed_actions", filter=Q(agreed_actions__done_on__isnull=True)),
            overdue_actions=Count(
                "agreed_actions", filter=Q(agreed_actions__done_on__isnull=True, agreed_actions__due_on__lt=today)
            ),
        )
        .order_by(F("closed_on").asc(nulls_first=True), "-raised_on", "-pk")  # open cases first
    )


def overdue_actions(school):
    """Agreed actions of the school's cases that are past their due date and not done."""
    return AgreedAction.objects.overdue().filter(case__school=school).select_related("case", "owner")


def overdue_action_count(school):
    return overdue_actions(school).count()


def agreed_actions_due(on_or_before):
    """Agreed actions of every school's cases not done and due on or before the day, with their case and school."""
    return (
        AgreedAction.objects.filter(done_on__isnull=True, due_on__lte=on_or_before)
        .select_related("case__school")
        .order_by("case__school_id", "due_on", "pk")
    )


# What falls due: stable names, read by the home page and by notifications.


def case_actions_due(school, by_date):
    """Agreed actions of the school's cases not done and due on or before ``by_date`` (overdue ones too)."""
    return (
        AgreedAction.objects.filter(case__school=school, done_on__isnull=True, due_on__lte=by_date)
        .select_related("case", "owner")
        .order_by("due_on", "pk")
    )


def case_reviews_due(school, by_date):
    """The 6- and 12-month reviews after Channel not yet recorded and due on or before ``by_date``."""
    return (
        ChannelReview.objects.filter(case__school=school, reviewed_at__isnull=True, due_on__lte=by_date)
        .select_related("case", "exit")
        .order_by("due_on", "pk")
    )


def channel_reviews_falling_due(on_or_before):
    """Reviews after Channel of every school not yet recorded and due on or before the day (the daily scan)."""
    return (
        ChannelReview.objects.filter(reviewed_at__isnull=True, due_on__lte=on_or_before)
        .select_related("case__school")
        .order_by("case__school_id", "due_on", "pk")
    )


def case_reviews_due_count(school, by_date):
    return case_reviews_due(school, by_date).count()


def retention_reviews_due(school, by_date):
    """Closed, not anonymised cases whose retention review date is on or before ``by_date``, with
    ``on_hold`` (a legal hold is in place: the record is kept whatever the review decides)."""
    holds = LegalHold.objects.active().filter(case=OuterRef("pk"))
    return (
        Case.objects.filter(
            school=school, closed_on__isnull=False, anonymised_on__isnull=True, retention_review_on__lte=by_date
        )
        .annotate(on_hold=Exists(holds))
        .order_by("retention_review_on", "pk")
    )


def access_log(school):
    """Every view and export of the school's cases, newest first."""
    return CaseAccess.objects.filter(case__school=school).select_related("case", "user")


# Statistics: counts only, never a reference, identifier or free text.


def referral_statistics(school, start, end):
    """Counts of cases opened, decisions by kind and closing outcomes between ``start`` and ``end``.

    Both dates inclusive. Returns {"opened": n, "closed": n, "decisions": {kind: n},
    "outcomes": {outcome: n}} with every kind and outcome present (zero if none). Three queries.
    """
    opened = Case.objects.filter(school=school, raised_on__range=(start, end)).count()
    decisions = dict.fromkeys(Decision.Kind.values, 0)
    for row in (
        Decision.objects.filter(case__school=school, decided_on__range=(start, end))
        .values("kind")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        decisions[row["kind"]] = row["n"]
    outcomes = dict.fromkeys(Outcome.values, 0)
    for row in (
        Case.objects.filter(school=school, closed_on__range=(start, end)).values("outcome").annotate(n=Count("pk"))
    ).order_by():
        outcomes[row["outcome"]] = row["n"]
    return {"opened": opened, "closed": sum(outcomes.values()), "decisions": decisions, "outcomes": outcomes}


# Live evidence for the action plan (compliance.measures): counts only.


def decision_coverage(school, start, end):
    """(cases raised between ``start`` and ``end`` with at least one decision recorded, all of them)."""
    counts = Case.objects.filter(school=school, raised_on__range=(start, end)).aggregate(
        total=Count("pk"),
        decided=Count("pk", filter=Q(Exists(Decision.objects.filter(case=OuterRef("pk"))))),
    )
    return counts["decided"], counts["total"]


def agreed_action_timeliness(school, today=None):
    """(agreed actions already due that were done by their due date, all agreed actions already due)."""
    today = today or timezone.localdate()
    counts = AgreedAction.objects.filter(case__school=school, due_on__lt=today).aggregate(
        total=Count("pk"),
        on_time=Count("pk", filter=Q(done_on__isnull=False, done_on__lte=F("due_on"))),
    )
    return counts["on_time"], counts["total"]


def case_records(case):
    """Every part of a case, loaded in a fixed number of queries."""
    return {
        "decisions": list(case.decisions.select_related("decided_by", "supersedes")),
        "agency_contacts": list(case.agency_contacts.all()),
        "panels": list(case.channel_panels.all()),
        "actions": list(case.agreed_actions.select_related("owner")),
        "sharing": list(case.information_sharing.select_related("shared_by")),
        "triages": list(case.triages.select_related("recorded_by")),
        "consents": list(case.consents.select_related("recorded_by")),
        "exits": list(case.channel_exits.all()),
        "reviews": list(case.channel_reviews.select_related("reviewed_by")),
        "holds": list(case.legal_holds.select_related("placed_by", "released_by")),
        "retention_reviews": list(case.retention_reviews.select_related("reviewed_by")),
    }
