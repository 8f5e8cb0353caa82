"""The training list pages run the same number of queries whatever their length."""

import pytest
from django.urls import reverse

from accounts.models import Role
from tests.factories import member
from training.models import NamedGroup, TrainingRequirement

from .factories_courses import AssessmentFactory, BriefingFactory, CourseFactory, TrainingRecordFactory


def _grow(school, lead, n):
    assessment = AssessmentFactory(school=school, recorded_by=lead)
    for i in range(n):
        course = CourseFactory(school=school)
        group = NamedGroup.objects.create(school=school, name=f"Group {i}")
        course.required_groups.add(group)
        person = member(school, Role.STAFF)
        group.members.add(person)
        TrainingRecordFactory(course=course, user=person)
        TrainingRequirement.objects.create(
            school=school, assessment=assessment, course=course, person=person, reason="Named by the Lead"
        )
        BriefingFactory(school=school, recorded_by=lead)


# Each page: sign-in and school (session, user, memberships, schools) and the session's save in a
# savepoint (7),
# then its own reads, listed beside it.
PAGES = {
    "training:course-list": 7 + 2,  # courses, their groups
    "training:verify": 7 + 2,  # count, records with person and course
    "training:briefing-list": 7 + 3,  # count, briefings, the briefings the viewer attended
    "training:needs": 7 + 5,  # count, assessments, requirements with course/group/person/assessment, groups, members
}


@pytest.mark.parametrize("size", [2, 15])
@pytest.mark.parametrize("name", sorted(PAGES))
def test_it_runs_the_same_queries_whatever_the_length(login, school, lead, name, size, django_assert_num_queries):
    _grow(school, lead, size)
    client = login(lead)
    with django_assert_num_queries(PAGES[name]):
        response = client.get(reverse(name))
    assert response.status_code == 200
