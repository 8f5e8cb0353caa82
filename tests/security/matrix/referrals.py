"""Referrals: case pages answer 404 to everyone who may not see cases, so their existence never leaks."""

import datetime

from referrals.models import Decision
from referrals.services import agreed_action_add, case_open, decision_record

from . import Entry

# The head and deputy DSLs too only where the school turns it on (tests/referrals).
CASE_ROLES = {"lead", "dsl"}
IN_SCHOOL = {"staff", "lead", "dsl", "head", "governor"}


def _case(world):
    case = case_open(
        school=world.school,
        by=world.lead,
        pupil_identifier="CPOMS-M001",
        year_group="8",
        raised_on=datetime.date(2026, 10, 1),
        raised_by=world.staff,
        summary="Matrix case",
    )
    decision_record(
        case=case, by=world.lead, kind=Decision.Kind.SEEK_ADVICE, rationale="Matrix", decided_on=case.raised_on
    )
    return case


def case_kwargs(world):
    return {"pk": _case(world).pk}


def action_kwargs(world):
    case = _case(world)
    action = agreed_action_add(
        case=case, by=world.lead, description="Matrix action", owner=world.lead, due_on=datetime.date(2026, 12, 1)
    )
    return {"pk": case.pk, "action_pk": action.pk}


def review_kwargs(world):
    from referrals.channel import channel_exit_record
    from referrals.services import channel_panel_record

    case = _case(world)
    channel_panel_record(case=case, by=world.lead, panel_on=datetime.date(2026, 10, 8), adoption="adopted")
    channel_exit_record(case=case, by=world.lead, left_on=datetime.date(2026, 10, 20))
    return {"pk": case.pk, "review_pk": case.channel_reviews.first().pk}


def hold_kwargs(world):
    from referrals.retention import legal_hold_place

    case = _case(world)
    return {"pk": case.pk, "hold_pk": legal_hold_place(case=case, by=world.lead, reason="Matrix hold").pk}


def contact_kwargs(world):
    from referrals.models import LocalContact

    return {"pk": LocalContact.objects.create(school=world.school, name="Matrix contact").pk}


def case_page(**kw):
    return Entry(allowed=CASE_ROLES, kwargs=case_kwargs, denied=404, **kw)


ENTRIES = {
    "referrals:report-concern": Entry(allowed=IN_SCHOOL),
    "referrals:contact-list": Entry(allowed={"lead"}),
    "referrals:contact-add": Entry(allowed={"lead"}),
    "referrals:contact-defaults": Entry(allowed={"lead"}, method="post", ok=(302,)),
    "referrals:contact-edit": Entry(allowed={"lead"}, kwargs=contact_kwargs),
    "referrals:contact-delete": Entry(allowed={"lead"}, kwargs=contact_kwargs, method="post", ok=(302,)),
    "referrals:case-list": Entry(allowed=CASE_ROLES, denied=404),
    "referrals:case-add": Entry(allowed=CASE_ROLES, denied=404),
    "referrals:case-detail": case_page(),
    "referrals:case-export": case_page(),
    "referrals:decision-add": case_page(),
    "referrals:agency-contact-add": case_page(),
    "referrals:channel-add": case_page(),
    "referrals:action-add": case_page(),
    "referrals:sharing-add": case_page(),
    "referrals:case-close": case_page(),
    "referrals:action-done": Entry(allowed=CASE_ROLES, kwargs=action_kwargs, denied=404, method="post", ok=(302,)),
    "referrals:category-set": case_page(),
    "referrals:triage-add": case_page(),
    "referrals:consent-add": case_page(),
    "referrals:channel-exit-add": case_page(),
    "referrals:review-record": Entry(allowed=CASE_ROLES, kwargs=review_kwargs, denied=404),
    "referrals:legal-hold-add": case_page(),
    "referrals:legal-hold-release": Entry(allowed=CASE_ROLES, kwargs=hold_kwargs, denied=404),
    "referrals:retention-review-add": case_page(),
    "referrals:review-list": Entry(allowed=CASE_ROLES, denied=404),
    "referrals:retention-list": Entry(allowed=CASE_ROLES, denied=404),
    "referrals:settings": Entry(allowed={"lead"}),
    "referrals:access-log": Entry(allowed={"lead"}, denied=404),
    # A deputy DSL sees the counts as governors do (exact only where the school grants case access).
    "referrals:statistics": Entry(allowed={"lead", "dsl", "head", "governor", "trust"}, deputy="ok"),
}
