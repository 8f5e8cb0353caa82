"""Actions of the plan raised from, or linked to, the Prevent duty's own instruments (assurance):
a risk's further action, a self-assessment statement rated below the expected level, the
findings of a filtering and monitoring review or a gap found by a check.

Compliance may read assurance, never the reverse (DESIGN.md). So the link (``ActionSource``)
and the use cases live here, and ``PlanLinks`` is registered with ``assurance.plan_link`` at
start-up (``ComplianceConfig.ready``): the risk's page shows its actions' progress without
assurance importing compliance.

Raised actions go in the school's current plan, under an area "Prevent duty assurance" (added at
the end of the plan the first time), one duty per instrument and an evidence line per year (and,
for the self-assessment, per section), so that they read like the rest of the plan and roll over
with it. The Lead edits them like any other action.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from accounts.audit import AuditAction, record_event
from assurance import statements
from assurance.models import FilteringCheck, FilteringReview, Risk, StatementRating
from assurance.plan_link import LinkedAction

from .models import Action, ActionHistory, ActionPlan, ActionSource, Area, Duty, Evidence, Owner
from .models.sources import KIND_FIELDS
from .selectors import current_plan

AREA_TITLE = "Prevent duty assurance"
DUTIES = {
    "risk": "Act on the school's Prevent risk assessment",
    "rating": "Close the gaps found by the Prevent duty self-assessment",
    "filtering": "Keep filtering and monitoring effective (DfE filtering and monitoring standards)",
}
SOURCE_MODELS = {
    "risk": Risk,
    "rating": StatementRating,
    "filtering-review": FilteringReview,
    "filtering-check": FilteringCheck,
}


def _draft(kind, source):
    """What the new action says: {text, owner, owner_label, people, target_date, notes, duty, line}."""
    if kind == "risk":
        year = source.assessment.academic_year
        lead = source.lead
        return {
            "text": source.further_action.strip() or f"Reduce the risk: {source.risk}",
            "owner": "" if lead else Owner.PREVENT_LEAD,
            "owner_label": lead.full_name if lead else "",
            "people": [lead] if lead else [],
            "target_date": source.due_on,
            "notes": f"Raised from the Prevent risk assessment {year} (rated {source.rating}): {source.risk}",
            "duty": DUTIES["risk"],
            "line": f"Further action from the Prevent risk assessment {year}",
            "what": f"the Prevent risk assessment {year}",
        }
    if kind == "rating":
        year = source.assessment.academic_year
        edition = statements.load(source.assessment.edition)
        statement, section = edition.statement(source.statement), edition.section(source.section)
        level, expected = edition.level(source.level), edition.expected
        gap = f" The gap: {source.note}" if source.note.strip() else ""
        return {
            "text": f"Reach level {expected.number} ({expected.label.lower()}): {statement.text}",
            "owner": Owner.PREVENT_LEAD,
            "owner_label": "",
            "people": [],
            "target_date": None,
            "notes": f"Self-assessment {year}, statement {statement.number}, rated {level}.{gap}",
            "duty": DUTIES["rating"],
            "line": f"{section.title} (self-assessment {year})",
            "what": f"the {year} self-assessment",
        }
    record = source.record
    leader = record.senior_leader
    owner = {
        "owner": "" if leader else Owner.PREVENT_LEAD,
        "owner_label": leader.full_name if leader else "",
        "people": [leader] if leader else [],
        "target_date": None,
        "duty": DUTIES["filtering"],
        "line": f"Actions arising from filtering and monitoring {record.academic_year}",
    }
    if kind == "filtering-review":
        return {
            **owner,
            "text": f"Act on the findings of the filtering and monitoring review of {source.reviewed_on:%d %B %Y}",
            "notes": f"Findings: {source.findings}\nDecisions: {source.blocking_decisions}",
            "what": f"the filtering and monitoring review of {source.reviewed_on:%d %B %Y}",
        }
    return {
        **owner,
        "text": f"Close the filtering gap: {source.get_category_display()} ({source.get_result_display().lower()})",
        "notes": f"Check of {source.checked_on:%d %B %Y} by {source.done_by}: {source.method}. {source.notes}".strip(),
        "what": f"the filtering check of {source.checked_on:%d %B %Y}",
    }


def _evidence_line(plan, duty_text, line_text):
    """The plan's evidence line for raised actions, made (with its area and duty) the first time."""
    area = plan.areas.filter(title=AREA_TITLE).first()
    if area is None:
        last = plan.areas.order_by("-position").values_list("position", flat=True).first()
        area = Area.objects.create(plan=plan, title=AREA_TITLE, position=(last if last is not None else -1) + 1)
    duty = area.duties.filter(text=duty_text).first()
    if duty is None:
        position = area.duties.count()
        duty = Duty.objects.create(area=area, text=duty_text, position=position)
    line = duty.evidence_lines.filter(text=line_text).first()
    if line is None:
        line = Evidence.objects.create(duty=duty, text=line_text, position=duty.evidence_lines.count())
    return line


def _open_plan(school):
    plan = current_plan(school)
    if plan is None:
        raise ValidationError("The school has no action plan yet: create it first, then raise the action.")
    return ActionPlan.objects.select_for_update().get(pk=plan.pk)


@transaction.atomic
def action_raise(*, school, kind, source, by, nonce):
    """Make an action of the current plan from an assurance record, linked back to it.

    A second submit of the same button (same ``nonce``) returns the action the first one made.
    """
    if not nonce or len(nonce) > 64:
        raise ValidationError("This button has expired: open the page again.")
    existing = ActionSource.objects.filter(nonce=nonce, school=school).select_related("action").first()
    if existing is not None:
        return existing.action
    plan = _open_plan(school)
    draft = _draft(kind, source)
    evidence = _evidence_line(plan, draft["duty"], draft["line"])
    last = evidence.actions.order_by("-position").values_list("position", flat=True).first()
    action = Action(
        school=school,
        plan=plan,
        evidence=evidence,
        text=draft["text"],
        position=(last if last is not None else -1) + 1,
        owner=draft["owner"],
        owner_label=draft["owner_label"],
        target_date=draft["target_date"],
        notes=draft["notes"],
    )
    action.full_clean(exclude=["people"])
    try:
        with transaction.atomic():
            action.save()
            ActionSource.objects.create(
                school=school, action=action, **{KIND_FIELDS[kind]: source}, raised=True, nonce=nonce, created_by=by
            )
    except IntegrityError:
        existing = ActionSource.objects.filter(nonce=nonce, school=school).select_related("action").first()
        if existing is None:
            raise
        return existing.action
    if draft["people"]:
        action.people.set(draft["people"])
    ActionHistory.objects.create(action=action, by=by, summary=f"Raised from {draft['what']}"[:200])
    record_event(
        action=AuditAction.ACTION_RAISED,
        by=by,
        school=school,
        obj=action,
        changes={"from": kind, "source": source.pk, "text": action.text, "plan": plan.academic_year},
    )
    return action


@transaction.atomic
def action_link(*, school, kind, source, action, by):
    """Link an action already in the current plan to an assurance record (once)."""
    plan = _open_plan(school)
    if action.plan_id != plan.pk:
        raise ValidationError("Choose an action of the current plan.")
    field = KIND_FIELDS[kind]
    link, created = ActionSource.objects.get_or_create(
        school=school, action=action, **{field: source}, defaults={"raised": False, "created_by": by}
    )
    if created:
        what = _draft(kind, source)["what"]
        ActionHistory.objects.create(action=action, by=by, summary=f"Linked to {what}"[:200])
        record_event(
            action=AuditAction.ACTION_LINKED,
            by=by,
            school=school,
            obj=action,
            changes={"to": kind, "source": source.pk},
        )
    return link


def source_page(kind, source):
    """The assurance page the record is shown on."""
    if kind == "risk":
        return reverse("assurance:risk-detail", kwargs={"pk": source.pk})
    if kind == "rating":
        url = reverse("assurance:self-assessment-detail", kwargs={"pk": source.assessment_id})
        return f"{url}#section-{source.section}"
    return reverse("assurance:filtering-detail", kwargs={"pk": source.record_id})


class PlanLinks:
    """What assurance's pages ask of the plan (registered with ``assurance.plan_link``)."""

    def linked_actions(self, school, kind, ids):
        field = KIND_FIELDS[kind]
        links = (
            ActionSource.objects.filter(school=school, **{f"{field}_id__in": ids})
            .select_related("action__plan")
            .order_by("created_at", "pk")
        )
        found = {}
        for link in links:
            action = link.action
            found.setdefault(getattr(link, f"{field}_id"), []).append(
                LinkedAction(
                    pk=action.pk,
                    text=action.text,
                    status=action.status,
                    status_label=action.get_status_display(),
                    target_date=action.target_date,
                    is_overdue=action.is_overdue,
                    is_done=action.status == Action.Status.IN_PLACE,
                    url=reverse("compliance:action-detail", kwargs={"action_id": action.pk}),
                    plan_year=action.plan.academic_year,
                    raised_here=link.raised,
                )
            )
        return found

    def raise_url(self, kind, pk):
        return reverse("compliance:raise-action", kwargs={"kind": kind, "pk": pk})

    def link_url(self, kind, pk):
        return reverse("compliance:link-action", kwargs={"kind": kind, "pk": pk})

    def action_choices(self, school):
        plan = current_plan(school)
        if plan is None:
            return []
        actions = Action.objects.filter(plan=plan).values_list("pk", "text")
        return [(pk, text if len(text) <= 110 else text[:109] + "…") for pk, text in actions]
