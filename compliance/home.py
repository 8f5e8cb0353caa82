"""What the home page shows each role: tasks for staff, what needs attention for leads.

Each app contributes through its own selectors; this module only gathers them, so the
home page depends on the apps and never the other way round.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import IntegerField, Subquery
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.timezone import localdate, localtime

from accounts.models import Role, School
from accounts.selectors import people_with_roles, referral_role_grants
from assurance.selectors import assurance_summary
from core.periods import academic_year_of
from referrals.selectors import (
    case_reviews_due_count,
    decision_coverage,
    local_contacts_state,
    overdue_action_count,
    retention_reviews_due,
)
from speakers.selectors import awaiting_lead_counts, my_open_requests
from training.selectors.counts import lapsing_soon_count
from training.selectors.courses import own_training_due, records_to_verify
from training.selectors.documents import (
    newer_catalogue_editions,
    people_with_documents_outstanding,
)
from training.selectors.to_do import briefings_to_confirm_ids, documents_to_confirm

from .models import ActionSource
from .selectors import count_actions_needing_attention, current_plan, my_open_actions, unanswered_question_count
from .setup import core_steps


@dataclass
class Item:
    """One line on the home page: a label, an optional count and where to act on it."""

    label: str
    url: str
    count: int | None = None
    urgent: bool = False


def staff_tasks(request):
    """What the signed-in person has to do themselves."""
    counts = _own_counts(request)
    tasks = []
    tasks += _my_plan_actions(request, counts)
    tasks += _documents_to_read(request, counts)
    tasks += _training_tasks(request, counts)
    tasks += _speaker_tasks(request, counts)
    tasks += _governor_assurance_tasks(request)
    return tasks


class _CountOf(Subquery):
    """How many rows a queryset has, as one value of another query."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) counted)"
    output_field = IntegerField()


def _own_counts(request):
    """{"actions": n, "speaker_requests": n, "documents": n, "briefings": n}: the person's open plan
    actions and speaker requests, documents and briefings to confirm, of those their roles allow,
    counted in one query (each a subquery of one SELECT)."""
    querysets = {}
    if request.caps.own_actions:
        querysets["actions"] = my_open_actions(request.school, request.user, request.roles)
    if request.caps.request_speakers:
        querysets["speaker_requests"] = my_open_requests(request.school, request.user).values("pk")
    if request.caps.read_documents:
        querysets["documents"] = documents_to_confirm(request.school, request.user, request.roles)
    if request.caps.record_own_training:
        querysets["briefings"] = briefings_to_confirm_ids(request.school, request.user, request.roles)
    if not querysets:
        return {}
    counts = {f"count_{name}": _CountOf(qs.order_by()) for name, qs in querysets.items()}
    row = School.objects.filter(pk=request.school.pk).annotate(**counts).values_list(*counts).get()
    return dict(zip(querysets, row, strict=True))


def _speaker_tasks(request, counts):
    count = counts.get("speaker_requests")
    if not count:
        return []
    return [Item(label="Your speaker requests awaiting a decision", url=reverse("speakers:request-list"), count=count)]


def _training_tasks(request, counts):
    if not request.caps.record_own_training:
        return []
    items = []
    due = own_training_due(request.school, request.user, roles=request.roles)
    if due:
        urgent = any(cell.status != "expiring" for cell in due)
        items.append(
            Item(label="Training to record/renew", url=reverse("training:my-training"), count=len(due), urgent=urgent)
        )
    briefings = counts.get("briefings")
    if briefings:
        items.append(Item(label="Briefings to confirm", url=reverse("training:briefing-list"), count=briefings))
    return items


def _documents_to_read(request, counts):
    count = counts.get("documents")
    if not count:
        return []
    return [Item(label="Documents to read", url=reverse("training:document-list"), count=count, urgent=True)]


def _my_plan_actions(request, counts):
    count = counts.get("actions")
    if not count:
        return []
    return [
        Item(
            label="Your actions in the Prevent action plan that are not yet in place",
            url=reverse("compliance:my-actions"),
            count=count,
        )
    ]


def lead_attention(request):
    """What needs the Prevent Lead's (or the head's) attention in the school."""
    items = []
    items += _setup_attention(request)
    items += _plan_attention(request)
    items += _referral_attention(request)
    items += _documents_attention(request)
    items += _training_attention(request)
    items += _speaker_attention(request)
    items += _role_grant_attention(request)
    items += _assurance_attention(request)
    items += _question_attention(request)
    return items


def _question_attention(request):
    """Governors' questions waiting for the school's answer (the challenge log of frozen reports)."""
    if not request.caps.answer_challenge:
        return []
    count = unanswered_question_count(request.school)
    if not count:
        return []
    url = reverse("compliance:snapshot-list")
    return [Item(label="Governors' questions waiting for an answer", url=url, count=count)]


def _assurance_summary(request):
    """The year's risk assessment, self-assessment and filtering, read once per request."""
    if not hasattr(request, "_assurance_summary"):
        today = localdate()
        request._assurance_summary = assurance_summary(request.school, academic_year_of(today), today)
    return request._assurance_summary


def _governor_assurance_tasks(request):
    """A risk assessment signed off by the head and not yet noted by governors."""
    if not request.caps.note_risk_assessment:
        return []
    state = _assurance_summary(request).risk_assessment
    if state is None or not state.signed_off or state.noted:
        return []
    url = reverse("assurance:risk-assessment-detail", kwargs={"pk": state.assessment.pk})
    return [Item(label="The Prevent risk assessment, signed off by the headteacher, for governors to note", url=url)]


def _assurance_attention(request):
    """What is due of the risk assessment, the self-assessment and filtering and monitoring."""
    if not request.caps.edit_assurance:
        return []
    summary = _assurance_summary(request)
    year = summary.academic_year
    items = []
    state = summary.risk_assessment
    ra_url = reverse("assurance:risk-assessment")
    if state is None:
        items.append(
            Item(label=f"The school has no Prevent risk assessment for {year}: start it", url=ra_url, urgent=True)
        )
    else:
        ra_url = reverse("assurance:risk-assessment-detail", kwargs={"pk": state.assessment.pk})
        if state.last_reviewed_on is None:
            items.append(Item(label="The Prevent risk assessment has no date implemented yet", url=ra_url))
        elif state.review_overdue or state.review_due_soon:
            label = f"The Prevent risk assessment is due for review by {date_format(state.review_due_on, 'j F Y')}"
            items.append(Item(label=label, url=ra_url, urgent=state.review_overdue))
        if state.last_reviewed_on and request.caps.view_referrals:
            # "Reviewed after an incident": concerns raised since the last review, for those who see the
            # cases (an item that appears at all tells others a concern exists: referrals.disclosure).
            _, since = decision_coverage(request.school, state.last_reviewed_on + timedelta(days=1), localdate())
            if since:
                label = "Prevent concerns recorded since the risk assessment's last review (review after an incident)"
                items.append(Item(label=label, url=ra_url, count=since))
        if not state.signed_off:
            label = (
                "The Prevent risk assessment is waiting for your sign-off"
                if request.caps.sign_off_risk_assessment
                else "The Prevent risk assessment is waiting for the headteacher's sign-off"
            )
            items.append(Item(label=label, url=ra_url))
    items += _self_assessment_attention(summary)
    items += _filtering_attention(summary)
    return items


def _self_assessment_attention(summary):
    result = summary.self_assessment
    url = reverse("assurance:self-assessment")
    if result is None:
        return [Item(label=f"Start the {summary.academic_year} Prevent duty self-assessment", url=url)]
    items = []
    if result.rated < result.total:
        items.append(Item(label="Self-assessment statements not yet rated", url=url, count=result.total - result.rated))
    below = [r.pk for r in result.ratings.values() if result.edition.below_expected(r.level)]
    if below:
        linked = set(ActionSource.objects.filter(rating_id__in=below).values_list("rating_id", flat=True))
        if len(below) > len(linked):
            label = "Self-assessment statements below the expected level with no action in the plan"
            items.append(Item(label=label, url=url, count=len(below) - len(linked), urgent=True))
    return items


def _filtering_attention(summary):
    state = summary.filtering
    url = reverse("assurance:filtering")
    items = []
    if not state.responsible_named:
        items.append(
            Item(label="Name the senior leader and governor responsible for filtering and monitoring", url=url)
        )
    if state.last_review is None:
        items.append(Item(label="Filtering and monitoring have never been reviewed", url=url, urgent=True))
    elif state.review_overdue or state.review_due_soon:
        label = f"Filtering and monitoring are due for review by {date_format(state.review_due_on, 'j F Y')}"
        items.append(Item(label=label, url=url, urgent=state.review_overdue))
    if not state.checks_this_term:
        items.append(Item(label="No filtering check logged this term", url=url))
    elif state.gaps_this_term:
        items.append(Item(label="Filtering gaps found this term", url=url, count=state.gaps_this_term, urgent=True))
    return items


def _setup_attention(request):
    """A new school's setup: its local contacts where the directory has none, editions of guidance
    newer than the school's, and the checklist while any of its steps is to do."""
    items = []
    school = request.school
    if request.caps.manage_contacts and not local_contacts_state(school).is_complete:
        label = (
            f"No local Prevent contacts are recorded for {school.local_authority}: add the school's local contacts "
            '(the plan and "How to report a concern" are waiting for them)'
        )
        items.append(Item(label=label, url=reverse("referrals:contact-list"), urgent=True))
    if request.caps.manage_documents:
        for newer in newer_catalogue_editions(school):
            edition = newer.edition
            when = "in force from" if newer.is_in_force else "comes into force on"
            publish = reverse("training:version-publish", args=[newer.document.pk])
            url = f"{publish}?{urlencode({'edition': edition.label})}"
            label = (
                f"{newer.document.title} {edition.label} ({when} {date_format(edition.in_force, 'j F Y')}) is in the "
                "guidance catalogue: publish it for staff"
            )
            items.append(Item(label=label, url=url, urgent=newer.is_in_force))
    if request.caps.set_up_school:
        to_do = sum(1 for step in core_steps(school) if step.done is False)
        if to_do:
            items.append(Item(label="Finish setting up the school", url=reverse("compliance:setup"), count=to_do))
    return items


def _role_grant_attention(request):
    """Who was given a role that opens referral cases lately, so that the Lead sees every grant."""
    if not (request.caps.grant_referral_roles and request.caps.view_audit):
        return []
    audit = reverse("accounts:audit-list")
    return [
        Item(
            label=(
                f"{event.object_repr} was given the {Role(event.changes.get('role')).label} role by "
                f"{event.actor_label or 'a site administrator'} on {date_format(localtime(event.at), 'j F Y')}"
            ),
            url=f"{audit}?object_type=accounts.user&object_id={event.object_id}",
        )
        for event in referral_role_grants(request.school, days=30)
        if event.changes.get("role") in Role.values
    ]


def _speaker_attention(request):
    if not request.caps.manage_speakers:
        return []
    to_check, to_decide = awaiting_lead_counts(request.school)
    register = reverse("speakers:register")
    items = []
    if to_check:
        items.append(Item(label="Speaker requests to check", url=f"{register}?status=awaiting_checks", count=to_check))
    if to_decide:
        url = f"{register}?status=awaiting_decision"
        items.append(Item(label="Speaker requests to decide", url=url, count=to_decide))
    return items


def _training_attention(request):
    items = []
    if request.caps.manage_training:
        count = records_to_verify(request.school).count()
        if count:
            items.append(Item(label="Training records to verify", url=reverse("training:verify"), count=count))
    if request.caps.view_training_matrix:
        count = lapsing_soon_count(request.school)
        if count:
            url = reverse("training:matrix") + "?status=expiring"
            items.append(Item(label="Training lapsing within 60 days", url=url, count=count))
    return items


def _documents_attention(request):
    if not request.caps.view_acknowledgement_progress:
        return []
    count = people_with_documents_outstanding(request.school)
    if not count:
        return []
    return [Item(label="Staff with documents outstanding", url=reverse("training:document-chase"), count=count)]


def _referral_attention(request):
    if not request.caps.view_referrals:
        return []
    items = []
    count = overdue_action_count(request.school)
    if count:
        items.append(Item(label="Overdue agreed actions", url=reverse("referrals:case-list"), count=count, urgent=True))
    today = localdate()
    reviews = case_reviews_due_count(request.school, today)
    if reviews:
        url = reverse("referrals:review-list")
        items.append(Item(label="Reviews after Channel due (6 and 12 months)", url=url, count=reviews, urgent=True))
    retention = retention_reviews_due(request.school, today).count()
    if retention:
        items.append(
            Item(
                label="Case records due for retention review", url=reverse("referrals:retention-list"), count=retention
            )
        )
    return items


def _plan_attention(request):
    if not request.caps.edit_plan:
        return []
    if current_plan(request.school) is None:
        return [
            Item(
                label="The school has no Prevent action plan yet: create it",
                url=reverse("compliance:plan"),
                urgent=True,
            )
        ]
    count = count_actions_needing_attention(request.school)
    if not count:
        return []
    url = reverse("compliance:plan") + "?rag=red"
    return [Item(label="Actions of the plan that need attention or are overdue", url=url, count=count, urgent=True)]


def key_people(school):
    """The Prevent Lead/SPOC and DSL(s) that staff should know, with their contact details."""
    people = people_with_roles(school, [Role.PREVENT_LEAD, Role.DSL])
    return {"leads": people[Role.PREVENT_LEAD], "dsls": people[Role.DSL]}
