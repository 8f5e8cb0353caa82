"""A school with something in every part of the report, at a chosen size, for the report tests."""

import datetime

from django.utils import timezone

from accounts.models import Role
from compliance.models import Action, ActionPlan
from core.periods import academic_year
from tests.factories import member
from training.models import Course
from training.services.courses import courses_create_defaults, training_record_create
from training.services.documents import acknowledgement_confirm

from .factories import sized_plan, template_plan

# What a referral holds that must never reach a report: the privacy test looks for these.
PUPIL_IDENTIFIER = "CPOMS-ZX9041"
SUMMARY = "Quarrelled about an extremist video in the library and threatened a classmate"
RATIONALE = "Mother confirmed the online contact with the group in Leicester"


def fill_school(school, lead, *, size=1, template=False):
    """Plan, documents, training, a speaker request and referral cases; ``size`` scales people and rows.

    Called again on the same school, it adds actions to the plan and more of everything else.
    """
    from tests.referrals.factories import make_case, make_decision
    from tests.speakers.factories import make_request
    from tests.training.factories_documents import document

    plan = ActionPlan.objects.filter(school=school).first()
    if plan is not None:
        evidence = plan.actions.first().evidence
        Action.objects.bulk_create(
            Action(school=school, plan=plan, evidence=evidence, text=f"More {size}-{n}", position=100 + n)
            for n in range(6 * size)
        )
    else:
        plan = template_plan(school, lead) if template else sized_plan(school, 6 * size)
    staff = [member(school, Role.STAFF, full_name=f"Teacher {size}-{n}") for n in range(3 * size)]
    doc = document(school, lead, slug=f"kcsie-{size}")
    for person in staff[: len(staff) // 2]:
        acknowledgement_confirm(user=person, version=doc.current_version, statement="I have read Part one.")
    if not Course.objects.filter(school=school).exists():
        courses_create_defaults(school=school, by=lead)
    course = Course.objects.filter(school=school).order_by("position").first()
    for person in staff[:size]:
        training_record_create(
            school=school, by=lead, user=person, course=course, completed_on=timezone.localdate(), verify=True
        )
    make_request(school, lead)
    today = timezone.localdate()
    for n in range(size):
        case = make_case(
            school,
            lead,
            # A day apart, but all in this academic year, whatever day the tests run.
            raised_on=max(today - datetime.timedelta(days=n), academic_year().start),
            pupil_identifier=f"{PUPIL_IDENTIFIER}{n or ''}",
            summary=SUMMARY,
        )
        make_decision(case, lead, rationale=RATIONALE, decided_on=today)
    return plan
