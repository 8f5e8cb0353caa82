"""Action plans with their actions' progress, evidence and history for a benchmark dataset
(manage.py generate_dataset): one school at a time.

The plan comes from the default template through the plan services (as a school would make
it); with two years or more, last year's plan is made first and rolled over, so this year's
actions point back at last year's evidence. Statuses, evidence items and history are bulk.
"""

import datetime

from .models import Action, ActionHistory, ActionPlan, EvidenceItem
from .services import academic_year_of, plan_create_from_template, plan_roll_over

STATUS_WEIGHTS = {
    Action.Status.IN_PLACE: 6,
    Action.Status.IN_PROGRESS: 2,
    Action.Status.NOT_STARTED: 1,
    Action.Status.NEEDS_ATTENTION: 1,
    Action.Status.TO_REVIEW: 1,
}


def _progress(plan, people, rng, today, share_done):
    """Give the plan's actions statuses, dates, evidence and a history line each."""
    actions = list(Action.objects.filter(plan=plan).order_by("pk"))
    statuses, weights = list(STATUS_WEIGHTS), list(STATUS_WEIGHTS.values())
    items, history = [], []
    for action in actions:
        status = Action.Status.IN_PLACE if rng.random() < share_done else rng.choices(statuses, weights)[0]
        action.status = status
        action.target_date = today + datetime.timedelta(days=rng.randint(-60, 200))
        action.review_date = today + datetime.timedelta(days=rng.randint(30, 300))
        if status == Action.Status.IN_PLACE:
            action.last_reviewed_on = today - datetime.timedelta(days=rng.randint(1, 90))
            action.last_reviewed_by = people.lead
            for k in range(rng.randint(1, 2)):
                link = rng.random() < 0.5
                items.append(
                    EvidenceItem(
                        school=people.school,
                        action=action,
                        kind=EvidenceItem.Kind.LINK if link else EvidenceItem.Kind.TEXT,
                        title=f"Evidence {k + 1}: minutes of the meeting" if not link else f"Evidence {k + 1}: policy",
                        link=f"https://{people.slug}.example/evidence/{action.pk}-{k}" if link else "",
                        text="" if link else "Discussed at the safeguarding governors' meeting; minutes filed.",
                        added_by=people.lead,
                    )
                )
        history.append(
            ActionHistory(
                action=action,
                by=people.lead,
                summary=f"Status: {Action.Status(status).label}",
                changes={"status": [Action.Status.NOT_STARTED, status]},
            )
        )
    Action.objects.bulk_update(
        actions, ["status", "target_date", "review_date", "last_reviewed_on", "last_reviewed_by"], batch_size=500
    )
    EvidenceItem.objects.bulk_create(items)
    ActionHistory.objects.bulk_create(history)
    return len(items)


def generate(people, *, rng, years, today):
    """This year's adopted plan (rolled over from last year's when ``years`` > 1); returns row counts."""
    year = academic_year_of(today)
    evidence = 0
    if years > 1:
        last_day = today - datetime.timedelta(days=365)
        old = plan_create_from_template(
            school=people.school, actor=people.lead, academic_year=academic_year_of(last_day)
        )
        evidence += _progress(old, people, rng, last_day, share_done=0.6)
        plan = plan_roll_over(plan=old, actor=people.lead, academic_year=year)
    else:
        plan = plan_create_from_template(school=people.school, actor=people.lead, academic_year=year)
    evidence += _progress(plan, people, rng, today, share_done=0.3)
    ActionPlan.objects.filter(pk=plan.pk).update(
        status=ActionPlan.Status.ADOPTED,
        adopted_on=today - datetime.timedelta(days=rng.randint(20, 60)),
        adopted_by=people.head,
        next_review_on=today + datetime.timedelta(days=rng.randint(60, 200)),
    )
    return {"plan evidence items": evidence}
