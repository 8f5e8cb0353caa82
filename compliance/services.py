"""Use cases of the action plan: make it from a template, update actions, add evidence, roll over."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.audit import AuditAction, diff, record_event
from core.concurrency import refused_on_clash, save_versioned
from core.periods import academic_year_of, next_academic_year
from core.uploads import sha256_of
from referrals.directory import missing_purposes, missing_sentence
from referrals.selectors import plan_contact_texts

from . import plan_templates
from .measures import REGISTRY
from .models import Action, ActionHistory, ActionPlan, Area, Duty, Evidence, EvidenceItem

# The fields of an action a person edits; each change is kept in the action's history.
ACTION_FIELDS = [
    "text",
    "owner",
    "owner_label",
    "status",
    "target_date",
    "review_date",
    "last_reviewed_on",
    "last_reviewed_by",
    "notes",
    "measure_key",
    "measure_params",
    "threshold_percent",
]
PLAN_FIELDS = ["title", "statement", "status", "adopted_on", "adopted_by", "next_review_on"]


def _value(value):
    """A JSON-friendly form of a field value for the history."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if hasattr(value, "pk"):
        return str(value)
    return value


def _json_changes(changes):
    return {name: [_value(old), _value(new)] for name, (old, new) in changes.items()}


def _measure_of(spec):
    """(key, params, threshold) from a template's ``measure:`` entry, or blanks if no app offers it."""
    if not spec or spec.get("key") not in REGISTRY:
        return "", {}, None
    return spec["key"], spec.get("params") or {}, spec.get("threshold")


@transaction.atomic
def plan_create_from_template(*, school, by, template_key=None, academic_year=None):
    """Make the school's plan for an academic year from a template, in the template's order.

    Without a template, the one a new school of its local authority starts from. The template's
    placeholders are filled now: ``{school}`` with its name, ``{contact:<purpose>}`` from the
    contact directory for its local authority (or its own contacts, or a request to add them).
    """
    template_key = template_key or plan_templates.default_for(school.local_authority)
    template = plan_templates.load(template_key)
    academic_year = academic_year or academic_year_of(timezone.localdate())
    if ActionPlan.objects.filter(school=school, academic_year=academic_year).exists():
        raise ValidationError(f"{school.name} already has an action plan for {academic_year}.")
    values = {"school": school.name}
    values |= {f"contact:{purpose}": text for purpose, text in plan_contact_texts(school).items()}

    def fill(text):
        return plan_templates.fill(text, values)

    plan = ActionPlan(
        school=school,
        academic_year=academic_year,
        title=fill(template["title"]),
        statement=fill(template.get("statement", "")),
        template_key=template_key,
    )
    plan.full_clean()
    with refused_on_clash(f"{school.name} already has an action plan for {academic_year}."):
        plan.save()  # made by someone else at the same moment
    actions = []
    for a, area_data in enumerate(template["areas"]):
        area = Area.objects.create(plan=plan, title=fill(area_data["title"]), position=a)
        for d, duty_data in enumerate(area_data.get("duties", [])):
            duty = Duty.objects.create(area=area, text=fill(duty_data["text"]), position=d)
            for e, evidence_data in enumerate(duty_data.get("evidence", [])):
                evidence = Evidence.objects.create(
                    duty=duty,
                    text=fill(evidence_data["text"]),
                    actions_intro=fill(evidence_data.get("actions_intro", "")),
                    position=e,
                )
                for n, action_data in enumerate(evidence_data.get("actions", [])):
                    key, params, threshold = _measure_of(action_data.get("measure"))
                    actions.append(
                        Action(
                            school=school,
                            plan=plan,
                            evidence=evidence,
                            text=fill(action_data["text"]),
                            position=n,
                            owner=action_data.get("owner") or "",
                            owner_label=fill(action_data.get("owner_label", "")),
                            measure_key=key,
                            measure_params=params,
                            threshold_percent=threshold,
                        )
                    )
    created = Action.objects.bulk_create(actions)
    ActionHistory.objects.bulk_create(
        ActionHistory(action=action, by=by, summary="Created from the plan template") for action in created
    )
    record_event(
        action=AuditAction.PLAN_CREATED,
        by=by,
        school=school,
        obj=plan,
        changes={"template": template_key, "academic_year": academic_year, "actions": len(created)},
    )
    return plan


def _check_editable(plan):
    if plan.is_read_only:
        successor = ActionPlan.objects.filter(previous=plan).values_list("academic_year", flat=True).first()
        raise ValidationError(
            f"The {plan.academic_year} plan has been rolled over to {successor or 'the next year'} and is kept as it "
            f"was: nothing was changed in it. Make the change in the {successor or 'current'} plan instead."
        )


def _lock_editable(plan_id):
    """The plan's row, locked until the transaction ends, if it is still open to changes.

    Every change to a plan, its actions or their evidence takes this lock, and so does the
    rollover: a change waits for a rollover under way and is then refused (the closed year
    never changes), and a rollover waits for changes under way and then copies them.
    """
    plan = ActionPlan.objects.select_for_update().get(pk=plan_id)
    _check_editable(plan)
    return plan


def fillable_contact_purposes(plan_actions, contact_texts):
    """The local purposes the plan's actions still ask for that ``contact_texts`` now knows."""
    waiting = {purpose for action in plan_actions for purpose in missing_purposes(action.text)}
    return sorted(p for p in waiting if contact_texts[p] != missing_sentence(p))


@transaction.atomic
def plan_fill_contacts(*, plan, by):
    """Write the local contacts the school has added since the plan was made into the lines that
    asked for them; each change goes into the action's history. Returns the actions changed."""
    _lock_editable(plan.pk)
    texts = plan_contact_texts(plan.school)
    actions = list(plan.actions.select_related("plan"))
    purposes = fillable_contact_purposes(actions, texts)
    changed = []
    for action in actions:
        text = action.text
        for purpose in purposes:
            text = text.replace(missing_sentence(purpose), texts[purpose])
        if text != action.text:
            changed.append(action_update(action=action, by=by, expected_version=action.version, text=text))
    return changed


@transaction.atomic
def plan_update(*, plan, by, expected_version, **fields):
    """Change the plan's details (title, statement, adoption, next review) if nobody saved in between."""
    _lock_editable(plan.pk)
    before = ActionPlan.objects.get(pk=plan.pk)
    for name, value in fields.items():
        setattr(plan, name, value)
    if plan.status == ActionPlan.Status.ADOPTED and before.status != ActionPlan.Status.ADOPTED:
        plan.adopted_by = by
        plan.adopted_on = plan.adopted_on or timezone.localdate()
    plan.full_clean()
    save_versioned(plan, expected_version, PLAN_FIELDS)
    changes = _json_changes(diff(before, plan, PLAN_FIELDS))
    if changes:
        record_event(action=AuditAction.PLAN_UPDATED, by=by, school=plan.school, obj=plan, changes=changes)
    return plan


@transaction.atomic
def action_update(*, action, by, expected_version, people=None, **fields):
    """Change an action, keep what changed in its history and the audit trail.

    A new "last reviewed on" date records the person who saved it as the reviewer.
    """
    action.plan = _lock_editable(action.plan_id)
    before = Action.objects.get(pk=action.pk)
    for name, value in fields.items():
        setattr(action, name, value)
    if action.last_reviewed_on and action.last_reviewed_on != before.last_reviewed_on:
        action.last_reviewed_by = by
    if action.measure_key and action.measure_key not in REGISTRY:
        raise ValidationError({"measure_key": "That measure is not available."})
    action.full_clean(exclude=["people"])
    save_versioned(action, expected_version, ACTION_FIELDS)
    changes = _json_changes(diff(before, action, ACTION_FIELDS))
    if people is not None:
        old = sorted(str(p) for p in before.people.all())
        action.people.set(people)
        new = sorted(str(p) for p in people)
        if old != new:
            changes["people"] = [old, new]
    if changes:
        ActionHistory.objects.create(action=action, by=by, summary="Updated", changes=changes)
        record_event(action=AuditAction.ACTION_UPDATED, by=by, school=action.school, obj=action, changes=changes)
    return action


@transaction.atomic
def evidence_add(*, action, by, kind, title, file=None, link="", text=""):
    """Attach a file, a link or a short text to an action as evidence that it is done."""
    action.plan = _lock_editable(action.plan_id)
    item = EvidenceItem(school=action.school, action=action, kind=kind, title=title, link=link, text=text, added_by=by)
    if kind == EvidenceItem.Kind.FILE:
        if file is None:
            raise ValidationError({"file": "Choose a file to upload."})
        item.file = file
        item.original_name = file.name[:255]
        item.sha256 = sha256_of(file)
    item.full_clean()
    item.save()
    summary = f"Evidence added: {title}"
    ActionHistory.objects.create(
        action=action, by=by, summary=summary[:200], changes={"evidence": [None, title], "kind": [None, kind]}
    )
    record_event(
        action=AuditAction.EVIDENCE_ADDED,
        by=by,
        school=action.school,
        obj=item,
        changes={"action": action.pk, "kind": kind, "title": title, "sha256": item.sha256, "link": link},
    )
    return item


@transaction.atomic
def plan_roll_over(*, plan, by, academic_year=None):
    """Copy a plan to the next academic year; the old plan stays, read-only, with its evidence.

    Every copied action starts the year "to review" and points back at last year's action,
    whose evidence items stay where they were and are shown from the new action.
    """
    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.is_read_only:  # another rollover finished while this one waited for the lock
        successor = ActionPlan.objects.filter(previous=plan).values_list("academic_year", flat=True).first()
        raise ValidationError(f"The {plan.academic_year} plan has already been rolled over to {successor}.")
    academic_year = academic_year or next_academic_year(plan.academic_year)
    if ActionPlan.objects.filter(school=plan.school, academic_year=academic_year).exists():
        raise ValidationError(f"There is already a plan for {academic_year}.")
    new_plan = ActionPlan(
        school=plan.school,
        academic_year=academic_year,
        title=plan.title,
        statement=plan.statement,
        template_key=plan.template_key,
        next_review_on=None,
        previous=plan,
    )
    new_plan.full_clean()
    new_plan.save()
    old_actions = list(plan.actions.select_related("evidence__duty__area").prefetch_related("people").order_by("pk"))
    copies = {}
    for area in plan.areas.all():
        new_area = Area.objects.create(plan=new_plan, title=area.title, position=area.position)
        for duty in area.duties.all():
            new_duty = Duty.objects.create(area=new_area, text=duty.text, position=duty.position)
            for evidence in duty.evidence_lines.all():
                copies[evidence.pk] = Evidence.objects.create(
                    duty=new_duty, text=evidence.text, actions_intro=evidence.actions_intro, position=evidence.position
                )
    created = []
    for old in old_actions:
        new = Action.objects.create(
            school=plan.school,
            plan=new_plan,
            evidence=copies[old.evidence_id],
            text=old.text,
            position=old.position,
            owner=old.owner,
            owner_label=old.owner_label,
            status=Action.Status.TO_REVIEW,
            review_date=old.review_date,
            notes=old.notes,
            measure_key=old.measure_key,
            measure_params=old.measure_params,
            threshold_percent=old.threshold_percent,
            carried_from=old,
        )
        new.people.set(old.people.all())
        created.append(new)
    ActionHistory.objects.bulk_create(
        ActionHistory(
            action=new,
            by=by,
            summary=f"Carried over from {plan.academic_year} to review",
            changes={"status": [new.carried_from.status, Action.Status.TO_REVIEW]},
        )
        for new in created
    )
    plan.closed_at = timezone.now()
    plan.save(update_fields=["closed_at"])
    record_event(
        action=AuditAction.PLAN_ROLLED_OVER,
        by=by,
        school=plan.school,
        obj=new_plan,
        changes={"from": plan.academic_year, "to": academic_year, "actions": len(created)},
    )
    return new_plan
