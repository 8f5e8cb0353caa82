"""Live evidence from training: the DSL's Prevent training and each course's coverage."""

import datetime

from accounts.models import Role
from compliance.measures import REGISTRY

from .factories_courses import CourseFactory, TrainingRecordFactory

TODAY = datetime.date.today()


def test_the_dsl_holds_valid_prevent_training(school, dsl, staff):
    course = CourseFactory(school=school, slug="prevent-awareness", required_roles=[Role.STAFF.value])
    measure = REGISTRY["training.dsl_prevent"].compute
    result = measure(school)
    assert (result.numerator, result.denominator, result.shortfall) == (0, 1, ["Dee Dsl"])
    TrainingRecordFactory(course=course, user=dsl, completed_on=TODAY - datetime.timedelta(days=900))
    assert measure(school).numerator == 0  # expired
    TrainingRecordFactory(course=course, user=dsl, completed_on=TODAY - datetime.timedelta(days=10))
    result = measure(school)
    assert (result.numerator, result.denominator, result.percent) == (1, 1, 100)
    assert "role=dsl" in result.detail_url


def test_course_coverage_counts_valid_and_expiring_training(school, staff, lead, head):
    course = CourseFactory(school=school, slug="prevent-awareness", required_roles=[Role.STAFF.value])
    TrainingRecordFactory(course=course, user=staff, completed_on=TODAY - datetime.timedelta(days=10))
    TrainingRecordFactory(course=course, user=lead, completed_on=TODAY - datetime.timedelta(days=700))  # expiring
    result = REGISTRY["training.course_coverage"].compute(school, course="prevent-awareness")
    assert (result.numerator, result.denominator) == (2, 3)
    assert result.shortfall == ["Hal Head"]
    missing = REGISTRY["training.course_coverage"].compute(school, course="no-such-course")
    assert missing.denominator == 0
