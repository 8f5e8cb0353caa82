"""The Lead's home counts lapsing training in the database: the same number as the matrix's
coverage, in four queries whatever the school's size (issue 24)."""

import datetime

import pytest
import time_machine

from accounts.models import Role
from tests.factories import member
from training.models import TrainingRequirement
from training.selectors.counts import _first_completion_lapsing_after, lapsing_soon_count
from training.selectors.courses import training_coverage

from .factories_courses import AssessmentFactory, CourseFactory, NamedGroupFactory, TrainingRecordFactory

TODAY = datetime.date.today()


def days_ago(n):
    return TODAY - datetime.timedelta(days=n)


def coverage_says(school):
    return sum(c.expiring for c in training_coverage(school))


@pytest.mark.parametrize(
    "today", [datetime.date(2027, 1, 31), datetime.date(2027, 2, 28), datetime.date(2028, 2, 29), TODAY]
)
@pytest.mark.parametrize("months", [1, 12, 24, 36])
def test_the_completion_dates_that_lapse_soon_are_found_at_month_ends(months, today):
    from training.expiry import EXPIRING, add_months, status_of

    first = _first_completion_lapsing_after(months, today)
    last = _first_completion_lapsing_after(months, today + datetime.timedelta(days=60)) - datetime.timedelta(days=1)
    for offset in range(-120, 120):
        completed = add_months(today, -months) + datetime.timedelta(days=offset)
        lapsing = status_of(add_months(completed, months), today) == EXPIRING
        assert lapsing == (first <= completed <= last), completed


def test_it_counts_what_the_coverage_counts(school, staff, lead, dsl, head, governor):
    prevent = CourseFactory(school=school, refresh_months=24, required_roles=[Role.STAFF.value])
    channel = CourseFactory(school=school, refresh_months=12, required_roles=[Role.DSL.value])
    forever = CourseFactory(school=school, refresh_months=None, required_roles=[Role.STAFF.value])
    by_need = CourseFactory(school=school, refresh_months=36, required_roles=[])
    group = NamedGroupFactory(school=school)
    group.members.add(governor)
    by_need.required_groups.add(group)
    assessment = AssessmentFactory(school=school, recorded_by=lead)
    need = {"school": school, "assessment": assessment, "reason": "From the training needs assessment."}
    TrainingRequirement.objects.create(course=by_need, person=head, **need)
    TrainingRequirement.objects.create(course=channel, role=Role.HEADTEACHER, **need)
    TrainingRecordFactory(course=prevent, user=staff, completed_on=days_ago(700))  # lapsing
    TrainingRecordFactory(course=prevent, user=lead, completed_on=days_ago(700))  # lapsing...
    TrainingRecordFactory(course=prevent, user=lead, completed_on=days_ago(10))  # ...renewed since
    TrainingRecordFactory(course=prevent, user=dsl, completed_on=days_ago(800))  # expired
    TrainingRecordFactory(course=channel, user=dsl, completed_on=days_ago(340))  # lapsing
    TrainingRecordFactory(course=channel, user=head, completed_on=days_ago(330))  # lapsing, by the assessment
    TrainingRecordFactory(course=channel, user=staff, completed_on=days_ago(340))  # not required of staff
    TrainingRecordFactory(course=forever, user=staff, completed_on=days_ago(3000))  # never lapses
    TrainingRecordFactory(course=by_need, user=governor, completed_on=days_ago(1060))  # lapsing, by the group
    TrainingRecordFactory(course=by_need, user=head, completed_on=days_ago(1070))  # lapsing, by name
    leaver = member(school, Role.STAFF, full_name="Leo Leaver")
    TrainingRecordFactory(course=prevent, user=leaver, completed_on=days_ago(700))
    leaver.memberships.update(left_on=TODAY)  # not a current member: not counted
    assert coverage_says(school) == 5
    assert lapsing_soon_count(school) == 5


def test_it_runs_four_queries_whatever_the_size(school, lead, django_assert_num_queries):
    prevent = CourseFactory(school=school, refresh_months=24, required_roles=[Role.STAFF.value])
    for n in range(6):
        person = member(school, Role.STAFF, full_name=f"Teacher {n}")
        TrainingRecordFactory(course=prevent, user=person, completed_on=days_ago(690 + n))
    with django_assert_num_queries(4):
        assert lapsing_soon_count(school) == 6


def test_on_the_last_day_of_february(school, staff):
    prevent = CourseFactory(school=school, refresh_months=12, required_roles=[Role.STAFF.value])
    TrainingRecordFactory(course=prevent, user=staff, completed_on=datetime.date(2026, 3, 31))
    with time_machine.travel(datetime.datetime(2027, 2, 28, 12, 0), tick=False):
        assert lapsing_soon_count(school) == coverage_says(school) == 1
