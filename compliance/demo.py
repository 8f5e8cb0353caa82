"""The demo school's action plan: last year's plan, made from the template a new school of its area
starts from (the national one, with its local authority's contacts), rolled over to this year,
part-done."""

import datetime

from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from accounts.demo import DEMO_STAFF_EMAIL
from accounts.models import Role, User
from core.pdf import html_to_pdf
from core.periods import academic_year_of

from .models import Action, ActionPlan, EvidenceItem
from .services import (
    action_update,
    evidence_add,
    plan_create_from_template,
    plan_roll_over,
    plan_update,
)


def _demo_pdf(title, school):
    """A real one-page PDF (made with the app's own renderer) that any PDF reader opens."""
    return html_to_pdf(
        render_to_string("compliance/demo_evidence.html", {"title": title, "school": school}),
        css="@page { size: A4; margin: 2cm; } body { font-family: sans-serif; }",
    )


# What the demo does with each action of this year's plan (the national template), by the start of its text.
_THIS_YEAR = [
    ("The headteacher has named the Prevent Lead", Action.Status.IN_PLACE, None, "text", "Safeguarding policy, 3.2"),
    ("All staff know who the Prevent Lead", Action.Status.IN_PLACE, None, "link", "Staffroom poster"),
    ("All staff have read the Safeguarding", Action.Status.IN_PROGRESS, 30, None, ""),
    ("Governors have safeguarding training", Action.Status.IN_PROGRESS, 60, None, ""),
    ("The Prevent Lead/SPOC keeps the school's local", Action.Status.IN_PLACE, None, "text", "Contacts checked"),
    ("The Prevent risk assessment", Action.Status.NEEDS_ATTENTION, -5, None, ""),
    ('All staff have read the current edition of "Keeping', Action.Status.IN_PROGRESS, 20, "text", "Reading tracked"),
    ("The Prevent Lead/SPOC has briefed staff", Action.Status.IN_PLACE, None, "file", "Briefing slides"),
    ("The designated safeguarding lead and deputies", Action.Status.NEEDS_ATTENTION, -10, None, ""),
    ("Staff complete the Home Office", Action.Status.IN_PROGRESS, 60, None, ""),
    ("Ask in advance for an outline", Action.Status.IN_PLACE, None, "text", "Speaker request form asks for an outline"),
    ("Research the speaker", Action.Status.IN_PROGRESS, 45, None, ""),
    ("The lettings policy", Action.Status.IN_PROGRESS, 14, None, ""),
    ("The online safety and acceptable use", Action.Status.IN_PLACE, None, "text", "Online safety policy, reviewed"),
    ("Through relationships, sex and health", Action.Status.IN_PLACE, None, "text", "PSHE scheme of work"),
    ("All staff record a concern", Action.Status.IN_PLACE, None, "link", "CPOMS"),
    ("The Prevent Lead/SPOC completes the DfE", Action.Status.NEEDS_ATTENTION, None, None, ""),
]


def _evidence(action, by, kind, title):
    if kind == "file":
        upload = ContentFile(_demo_pdf(title, action.school), name=f"{title.lower().replace(' ', '-')}.pdf")
        evidence_add(action=action, by=by, kind=EvidenceItem.Kind.FILE, title=title, file=upload)
    elif kind == "link":
        link = (
            "https://cpoms.example.org/"
            if "CPOMS" in title
            else "https://www.gov.uk/government/publications/prevent-duty-guidance"
        )
        evidence_add(action=action, by=by, kind=EvidenceItem.Kind.LINK, title=title, link=link)
    elif kind == "text":
        evidence_add(action=action, by=by, kind=EvidenceItem.Kind.TEXT, title=title, text=f"{title}: seen and filed.")


@transaction.atomic
def seed(school):
    """Last year's plan (adopted, done, with evidence) rolled over to this year and part-done."""
    if ActionPlan.objects.filter(school=school).exists():
        return
    lead = User.objects.filter(memberships__school=school, memberships__role=Role.PREVENT_LEAD).first()
    head = User.objects.filter(memberships__school=school, memberships__role=Role.HEADTEACHER).first() or lead
    today = timezone.localdate()
    this_year = academic_year_of(today)
    last_year = academic_year_of(today - datetime.timedelta(days=365))

    old = plan_create_from_template(school=school, by=lead, academic_year=last_year)
    plan_update(
        plan=old,
        by=head,
        expected_version=old.version,
        status=ActionPlan.Status.ADOPTED,
        adopted_on=today - datetime.timedelta(days=400),
    )
    for n, action in enumerate(old.actions.order_by("pk")):
        action_update(
            action=action,
            by=lead,
            expected_version=action.version,
            status=Action.Status.IN_PLACE,
            last_reviewed_on=today - datetime.timedelta(days=300 - n),
        )
        if n % 3 == 0:
            evidence_add(
                action=action,
                by=lead,
                kind=EvidenceItem.Kind.TEXT,
                title=f"Reviewed {last_year}",
                text="Checked at the summer term review of the plan.",
            )

    plan = plan_roll_over(plan=old, by=lead, academic_year=this_year)
    plan_update(
        plan=plan,
        by=head,
        expected_version=plan.version,
        status=ActionPlan.Status.ADOPTED,
        adopted_on=today - datetime.timedelta(days=60),
        next_review_on=today + datetime.timedelta(days=200),
    )
    actions = list(plan.actions.order_by("pk"))
    staff_member = User.objects.filter(email=DEMO_STAFF_EMAIL).first()
    for prefix, status, days, kind, title in _THIS_YEAR:
        action = next((a for a in actions if a.text.startswith(prefix)), None)
        if action is None:
            continue
        fields = {"status": status, "review_date": today + datetime.timedelta(days=180)}
        if days is not None:
            fields["target_date"] = today + datetime.timedelta(days=days)
        if status == Action.Status.IN_PLACE:
            fields["last_reviewed_on"] = today - datetime.timedelta(days=20)
        if status == Action.Status.NEEDS_ATTENTION:
            fields["notes"] = "Raised at the autumn review: not yet done, follow up with the owner."
        action_update(action=action, by=lead, expected_version=action.version, **fields)
        if kind:
            _evidence(action, lead, kind, title)
    if staff_member is not None:
        for action in actions:
            if action.owner in ("other_staff", "pshe_staff"):
                action.refresh_from_db()
                action_update(action=action, by=lead, expected_version=action.version, people=[staff_member])
