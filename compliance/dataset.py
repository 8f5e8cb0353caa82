"""Action plans with their actions' progress, evidence and history for a benchmark dataset
(manage.py generate_dataset): one school at a time, bulk inserts.

Each plan follows the seed's template, row for row, as ``plan_create_from_template`` makes it (the
benchmark's schools are in Peterborough, and its text needs no contact filled in);
with two years or more, last year's plan is closed and this year's was carried over from it
(``carried_from``, as ``plan_roll_over`` does). The services insert row by row, which took
most of the generator's time at 250 schools, so the plans are built here level by level.
"""

import datetime

from django.utils import timezone

from core.periods import academic_year_of

from . import plan_templates
from .measures import REGISTRY
from .models import Action, ActionHistory, ActionPlan, Area, Duty, Evidence, EvidenceItem

STATUS_WEIGHTS = {
    Action.Status.IN_PLACE: 6,
    Action.Status.IN_PROGRESS: 2,
    Action.Status.NOT_STARTED: 1,
    Action.Status.NEEDS_ATTENTION: 1,
    Action.Status.TO_REVIEW: 1,
}


def _measure_of(spec):
    """(key, params, threshold) of a template action's live measure, blank if no app offers it."""
    if not spec or spec.get("key") not in REGISTRY:
        return "", {}, None
    return spec["key"], spec.get("params") or {}, spec.get("threshold")


def _plan(people, template, academic_year, previous=None):
    """The plan's rows from the template; returns the plan and its actions (unsaved) by position."""
    plan = ActionPlan.objects.create(
        school=people.school,
        academic_year=academic_year,
        title=template["title"],
        statement=template.get("statement", "").replace("{school}", people.school.name),
        template_key=plan_templates.SEED,
        previous=previous,
    )
    areas = Area.objects.bulk_create(
        Area(plan=plan, title=a["title"], position=i) for i, a in enumerate(template["areas"])
    )
    duty_specs = [
        (area, d, spec)
        for area, a in zip(areas, template["areas"], strict=True)
        for d, spec in enumerate(a.get("duties", []))
    ]
    duties = Duty.objects.bulk_create(Duty(area=area, text=spec["text"], position=d) for area, d, spec in duty_specs)
    evidence_specs = [
        (duty, e, spec)
        for duty, (_, _, duty_spec) in zip(duties, duty_specs, strict=True)
        for e, spec in enumerate(duty_spec.get("evidence", []))
    ]
    evidence = Evidence.objects.bulk_create(
        Evidence(duty=duty, text=spec["text"], actions_intro=spec.get("actions_intro", ""), position=e)
        for duty, e, spec in evidence_specs
    )
    actions = {}
    for line, (duty, e, spec) in zip(evidence, evidence_specs, strict=True):
        for n, action_spec in enumerate(spec.get("actions", [])):
            key, params, threshold = _measure_of(action_spec.get("measure"))
            actions[(duty.area.position, duty.position, e, n)] = Action(
                school=people.school,
                plan=plan,
                evidence=line,
                text=action_spec["text"],
                position=n,
                owner=action_spec.get("owner") or "",
                owner_label=action_spec.get("owner_label", ""),
                measure_key=key,
                measure_params=params,
                threshold_percent=threshold,
            )
    return plan, actions


def _progress(actions, people, rng, day, share_done):
    """Statuses and dates for the plan's actions (unsaved); their evidence and history once saved."""
    statuses, weights = list(STATUS_WEIGHTS), list(STATUS_WEIGHTS.values())
    for action in actions:
        status = Action.Status.IN_PLACE if rng.random() < share_done else rng.choices(statuses, weights)[0]
        action.status = status
        action.target_date = day + datetime.timedelta(days=rng.randint(-60, 200))
        action.review_date = day + datetime.timedelta(days=rng.randint(30, 300))
        if status == Action.Status.IN_PLACE:
            action.last_reviewed_on = day - datetime.timedelta(days=rng.randint(1, 90))
            action.last_reviewed_by = people.lead
    saved = Action.objects.bulk_create(actions)
    items, history = [], []
    for action in saved:
        history.append(
            ActionHistory(
                action=action,
                by=people.lead,
                summary=f"Status: {Action.Status(action.status).label}",
                changes={"status": [Action.Status.NOT_STARTED, action.status]},
            )
        )
        if action.status != Action.Status.IN_PLACE:
            continue
        for k in range(rng.randint(1, 2)):
            link = rng.random() < 0.5
            items.append(
                EvidenceItem(
                    school=people.school,
                    action=action,
                    kind=EvidenceItem.Kind.LINK if link else EvidenceItem.Kind.TEXT,
                    title=f"Evidence {k + 1}: " + ("the policy on the website" if link else "minutes of the meeting"),
                    link=f"https://{people.slug}.example/evidence/{action.pk}-{k}" if link else "",
                    text="" if link else "Discussed at the safeguarding governors' meeting; minutes filed.",
                    added_by=people.lead,
                )
            )
    EvidenceItem.objects.bulk_create(items)
    ActionHistory.objects.bulk_create(history)
    return len(items)


def generate(people, *, rng, years, today):
    """This year's adopted plan (carried over from last year's when ``years`` > 1); returns row counts."""
    template = plan_templates.load(plan_templates.SEED)
    evidence = 0
    previous = None
    if years > 1:
        last_day = today - datetime.timedelta(days=365)
        previous, old_actions = _plan(people, template, academic_year_of(last_day))
        evidence += _progress(list(old_actions.values()), people, rng, last_day, share_done=0.6)
        ActionPlan.objects.filter(pk=previous.pk).update(
            status=ActionPlan.Status.ADOPTED, adopted_on=last_day, adopted_by=people.head, closed_at=timezone.now()
        )
    plan, actions = _plan(people, template, academic_year_of(today), previous=previous)
    if previous is not None:
        for position, action in actions.items():
            action.carried_from = old_actions.get(position)
    evidence += _progress(list(actions.values()), people, rng, today, share_done=0.3)
    ActionPlan.objects.filter(pk=plan.pk).update(
        status=ActionPlan.Status.ADOPTED,
        adopted_on=today - datetime.timedelta(days=rng.randint(20, 60)),
        adopted_by=people.head,
        next_review_on=today + datetime.timedelta(days=rng.randint(60, 200)),
    )
    return {"plan evidence items": evidence}
