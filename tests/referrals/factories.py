"""Factories for referral cases; cases go through the service so they get real references."""

import datetime
import itertools

from referrals.models import AgreedAction, ConcernCategory, Decision
from referrals.services import agreed_action_add, case_open, concern_categories_ensure, decision_record

_n = itertools.count(1)


def make_case(school, by, *, raised_on=None, summary=None, pupil_identifier=None, year_group="9"):
    n = next(_n)
    return case_open(
        school=school,
        by=by,
        pupil_identifier=pupil_identifier or f"CPOMS-T{n:04d}",
        year_group=year_group,
        raised_on=raised_on or datetime.date(2026, 10, 5),
        raised_by=by,
        summary=summary or f"Test concern summary number {n}",
    )


def make_decision(case, by, kind=Decision.Kind.SEEK_ADVICE, decided_on=None, rationale="Because of the test."):
    return decision_record(case=case, by=by, kind=kind, rationale=rationale, decided_on=decided_on or case.raised_on)


def make_action(case, by, *, due_on, description="Check in weekly") -> AgreedAction:
    return agreed_action_add(case=case, by=by, description=description, owner=by, due_on=due_on)


def category_pk(code="unknown"):
    """The pk of a type of concern, for a case form (the defaults are added if a flush removed them)."""
    concern_categories_ensure()
    return ConcernCategory.objects.get(code=code).pk
