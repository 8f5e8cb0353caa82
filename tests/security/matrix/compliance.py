"""Entries for the action plan's pages (compliance/views/plan.py) and the setup checklist."""

from compliance.models import Action, ActionPlan, EvidenceItem
from tests.compliance.factories import file_evidence, template_plan

from . import LEADERS, Entry

READERS = {"staff", "lead", "dsl", "head", "governor", "trust"}  # view_plan
OWNERS = {"staff", "lead", "dsl", "head"}  # own_actions


def _plan(w):
    return ActionPlan.objects.filter(school=w.school).first() or template_plan(w.school, w.lead)


def _action(w):
    return Action.objects.filter(plan=_plan(w)).order_by("pk").first()


def _file_item(w):
    item = EvidenceItem.objects.filter(school=w.school, kind=EvidenceItem.Kind.FILE).first()
    return item or file_evidence(_action(w), w.lead)


ENTRIES = {
    "compliance:plan": Entry(allowed=READERS),
    "compliance:plan-list": Entry(allowed=READERS),
    "compliance:my-actions": Entry(allowed=OWNERS),
    "compliance:plan-create": Entry(
        allowed=LEADERS,
        method="post",
        data=lambda w: {"template": "cambridgeshire-peterborough-2019", "academic_year": "2030/31"},
        ok=(302,),
    ),
    "compliance:plan-detail": Entry(allowed=READERS, kwargs=lambda w: {"plan_id": _plan(w).pk}),
    "compliance:plan-edit": Entry(allowed=LEADERS, kwargs=lambda w: {"plan_id": _plan(w).pk}),
    "compliance:plan-rollover": Entry(allowed=LEADERS, kwargs=lambda w: {"plan_id": _plan(w).pk}),
    "compliance:plan-fill-contacts": Entry(
        allowed=LEADERS, kwargs=lambda w: {"plan_id": _plan(w).pk}, method="post", ok=(302,)
    ),
    "compliance:action-detail": Entry(allowed=READERS, kwargs=lambda w: {"action_id": _action(w).pk}),
    "compliance:action-edit": Entry(allowed=LEADERS, kwargs=lambda w: {"action_id": _action(w).pk}),
    "compliance:evidence-add": Entry(
        allowed=LEADERS,
        kwargs=lambda w: {"action_id": _action(w).pk},
        method="post",
        data=lambda w: {"kind": "text", "title": "Briefing register", "text": "Signed by all staff."},
        ok=(302,),
    ),
    "compliance:evidence-download": Entry(allowed=READERS, kwargs=lambda w: {"item_id": _file_item(w).pk}),
    # The setup checklist (compliance/views/setup.py): set_up_school.
    "compliance:setup": Entry(allowed=LEADERS),
}
