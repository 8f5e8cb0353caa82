"""Counts the Lead's home shows, answered by the database: a number, never a table built to count.

Who needs a course follows the same rules as ``courses.required_people`` (a course's roles and
named groups, and the training needs assessment's roles, groups and people), written as
conditions on each person's latest record instead of sets of people built in Python.
"""

import datetime

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from accounts.models import Membership

from ..expiry import EXPIRING_WITHIN_DAYS, add_months
from ..models import Course, NamedGroup, TrainingRecord, TrainingRequirement


def _first_completion_lapsing_after(months, day):
    """The earliest completion date whose training (renewed every ``months``) lapses after ``day``.

    ``add_months`` never decreases as the completion date moves on, so the dates whose training
    lapses in a window are one run of days, found from its ends."""
    completed = add_months(day, -months) - datetime.timedelta(days=4)
    while add_months(completed, months) <= day:
        completed += datetime.timedelta(days=1)
    return completed


def _required_of_record(school, course, roles, groups, people):
    """A condition on a training record: its person is a current member who must hold ``course``."""
    member = Membership.objects.current().filter(school=school, user_id=OuterRef("user_id"), user__is_active=True)
    required = Q(Exists(member.filter(role__in=sorted(roles)))) if roles else Q(pk__in=[])
    if groups:
        in_group = NamedGroup.members.through.objects.filter(user_id=OuterRef("user_id"), namedgroup_id__in=groups)
        required |= Q(Exists(in_group)) & Q(Exists(member))
    if people:
        required |= Q(user_id__in=sorted(people)) & Q(Exists(member))
    return required


def lapsing_soon_count(school, today=None):
    """How many required trainings lapse within the next 60 days (each person's latest record that
    counts, in a course they must hold). Four queries whatever the school's size."""
    today = today or timezone.localdate()
    courses = [c for c in Course.objects.filter(school=school) if c.refresh_months is not None]
    if not courses:
        return 0
    ids = [c.pk for c in courses]
    roles = {c.pk: set(c.required_roles) for c in courses}
    groups = {c.pk: set() for c in courses}
    people = {c.pk: set() for c in courses}
    for course_id, group_id in Course.required_groups.through.objects.filter(course_id__in=ids).values_list(
        "course_id", "namedgroup_id"
    ):
        groups[course_id].add(group_id)
    for course_id, role, group_id, person_id in TrainingRequirement.objects.filter(
        school=school, course_id__in=ids
    ).values_list("course_id", "role", "group_id", "person_id"):
        if role:
            roles[course_id].add(role)
        elif group_id:
            groups[course_id].add(group_id)
        elif person_id:
            people[course_id].add(person_id)
    horizon = today + datetime.timedelta(days=EXPIRING_WITHIN_DAYS)
    expiring = Q(pk__in=[])
    for course in courses:
        months = course.refresh_months
        first = _first_completion_lapsing_after(months, today)
        last = _first_completion_lapsing_after(months, horizon) - datetime.timedelta(days=1)
        if last < first:
            continue
        expiring |= Q(course_id=course.pk, completed_on__range=(first, last)) & _required_of_record(
            school, course, roles[course.pk], groups[course.pk], people[course.pk]
        )
    current = TrainingRecord.objects.current()
    newer = current.filter(user_id=OuterRef("user_id"), course_id=OuterRef("course_id")).filter(
        Q(completed_on__gt=OuterRef("completed_on")) | Q(completed_on=OuterRef("completed_on"), pk__gt=OuterRef("pk"))
    )
    return current.filter(school=school, course_id__in=ids).filter(~Exists(newer)).filter(expiring).count()
