"""The demo school's courses, training needs, records and briefings: seed(school), idempotent.

Dates are set from today so that the matrix always shows a realistic mix: most staff valid,
some lapsing this term, a few expired or missing, some records waiting for verification.
"""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from accounts.models import Membership, Role

from .default_courses import MAY_REFER_GROUP
from .models import Course, NamedGroup, TrainingRecord
from .services.courses import (
    briefing_attendance_mark,
    briefing_save,
    courses_create_defaults,
    named_group_save,
    needs_assessment_record,
    requirement_add,
    training_record_correct,
    training_record_create,
    training_record_verify,
)


def _people(school, role):
    return [
        m.user
        for m in Membership.objects.current()
        .filter(school=school, role=role)
        .select_related("user")
        .order_by("user__email")
    ]


@transaction.atomic
def seed(school):
    """Add the demo training data to ``school`` unless it already has courses."""
    if Course.objects.filter(school=school).exists():
        return
    leads = _people(school, Role.PREVENT_LEAD)
    if not leads:
        return
    lead = leads[0]
    heads = _people(school, Role.HEADTEACHER)
    verifier = heads[0] if heads else lead
    today = timezone.localdate()
    rng = random.Random(5)
    courses = {c.slug: c for c in courses_create_defaults(school=school, by=lead)}

    staff = _people(school, Role.STAFF)
    group = NamedGroup.objects.get(school=school, name=MAY_REFER_GROUP)
    pastoral = [u for u in staff if "pastoral" in u.job_title.lower() or "head of year" in u.job_title.lower()]
    named_group_save(
        school=school,
        by=lead,
        group=group,
        name=group.name,
        description="Heads of year and pastoral staff, who may make a referral when the DSL is unavailable.",
        members=(pastoral or staff[5:9])[:6],
    )
    assessment = needs_assessment_record(
        school=school,
        by=lead,
        assessed_on=today - datetime.timedelta(days=120),
        risk="Online radicalisation of older pupils (risk assessment section 3: online safety), "
        "and far-right stickers found in the town centre near the school this year.",
        summary="All staff take Home Office Prevent awareness every two years. Heads of year also take the "
        "referrals course so that a referral never waits for the DSL. The IT technician takes the online "
        "safety update with the filtering and monitoring section.",
    )
    requirement_add(
        assessment=assessment,
        by=lead,
        course=courses["prevent-referrals"],
        group=group,
        reason="They may make a referral when the DSL is unavailable.",
    )
    requirement_add(
        assessment=assessment,
        by=lead,
        course=courses["prevent-awareness"],
        role=Role.GOVERNOR,
        reason="The safeguarding governor and the chair challenge the school's Prevent work.",
    )

    def completed(course, *, lapsing=False, expired=False):
        months = course.refresh_months or 24
        if expired:
            return today - datetime.timedelta(days=months * 30 + rng.randint(10, 90))
        if lapsing:
            return today - datetime.timedelta(days=months * 30 - rng.randint(5, 50))
        return today - datetime.timedelta(days=rng.randint(20, months * 25))

    everyone = {m.user for m in Membership.objects.current().filter(school=school).select_related("user")}
    for n, user in enumerate(sorted(everyone, key=lambda u: u.email)):
        is_governor_only = not Membership.objects.current().filter(school=school, user=user, role=Role.STAFF).exists()
        slugs = (
            ("governor-safeguarding", "prevent-awareness")
            if is_governor_only
            else ("prevent-awareness", "safeguarding-update")
        )
        for slug in slugs:
            roll = rng.random()
            if roll < 0.08 and user != lead:
                continue  # missing
            course = courses[slug]
            date = completed(course, lapsing=0.08 <= roll < 0.18, expired=0.18 <= roll < 0.24)
            by_self = n % 3 == 0
            training_record_create(
                school=school,
                by=user if by_self else lead,
                user=user,
                course=course,
                completed_on=date,
                verify=not by_self and user != lead,
            )
    for user in _people(school, Role.DSL) + leads:
        for slug in ("prevent-referrals", "channel-awareness", "dsl-training"):
            if slug == "dsl-training" and user not in _people(school, Role.DSL):
                continue
            training_record_create(
                school=school, by=user, user=user, course=courses[slug], completed_on=completed(courses[slug])
            )
    for user in group.members.all():
        training_record_create(
            school=school,
            by=lead,
            user=user,
            course=courses["prevent-referrals"],
            completed_on=completed(courses["prevent-referrals"], lapsing=rng.random() < 0.3),
            verify=True,
        )
    # A verification by the head, and a correction with its reason, as the Lead would make them.
    for record in TrainingRecord.objects.filter(school=school, user=lead, verified_at__isnull=True)[:2]:
        training_record_verify(record=record, by=verifier)
    mistyped = TrainingRecord.objects.filter(school=school, verified_at__isnull=True).exclude(user=lead).first()
    if mistyped is not None:
        training_record_correct(
            record=mistyped,
            by=lead,
            reason="The date was typed as the day the certificate was printed, not the day of the course.",
            completed_on=mistyped.completed_on - datetime.timedelta(days=3),
            verify=True,
        )

    invited = [Role.STAFF, Role.PREVENT_LEAD, Role.DSL, Role.HEADTEACHER]
    briefings = [
        (
            today - datetime.timedelta(days=70),
            "September INSET: safeguarding and Prevent update",
            "KCSIE changes this year; staff's duties under the Prevent duty; the signs and indicators of "
            "radicalisation; how to report a concern on CPOMS; who the Prevent Lead/SPOC and DSL are.",
        ),
        (
            today - datetime.timedelta(days=14),
            "Prevent briefing: online radicalisation",
            "Signs and indicators of radicalisation online; extremist content in gaming chat; the school's "
            "filtering and monitoring, and what to do if a pupil is seen looking at extremist material.",
        ),
    ]
    staff_members = sorted(staff, key=lambda u: u.email)
    for held_on, title, topics in briefings:
        briefing = briefing_save(
            school=school,
            by=lead,
            held_on=held_on,
            title=title,
            topics=topics,
            materials="",
            materials_link="https://www.educateagainsthate.com/",
            invited_roles=[str(r) for r in invited],
        )
        present = [u for u in staff_members if rng.random() < 0.85]
        briefing_attendance_mark(briefing=briefing, users=present, by=lead)
