"""The training matrix: who needs what and whose training lapses, filters, CSV, each person's page."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from accounts.models import Role
from tests.factories import member
from training.models import NamedGroup, TrainingRequirement
from training.selectors.courses import training_coverage

from .factories_courses import AssessmentFactory, CourseFactory, TrainingRecordFactory

TODAY = datetime.date.today()


def days_ago(n):
    return TODAY - datetime.timedelta(days=n)


@pytest.fixture
def prevent(school):
    return CourseFactory(
        school=school,
        slug="prevent-awareness",
        title="Home Office Prevent awareness (course 1)",
        refresh_months=24,
        required_roles=[Role.STAFF.value],
        position=1,
    )


@pytest.fixture
def channel(school):
    return CourseFactory(
        school=school,
        slug="channel-awareness",
        title="Channel awareness (course 3)",
        refresh_months=24,
        required_roles=[Role.DSL.value],
        position=2,
    )


@pytest.fixture
def people(school, staff, lead, dsl, head, prevent, channel):
    """staff: valid; lead: lapsing in about a month; head: expired; dsl: missing Prevent, valid Channel."""
    TrainingRecordFactory(course=prevent, user=staff, completed_on=days_ago(100))
    TrainingRecordFactory(course=prevent, user=lead, completed_on=days_ago(700))
    TrainingRecordFactory(course=prevent, user=head, completed_on=days_ago(800))
    TrainingRecordFactory(course=channel, user=dsl, completed_on=days_ago(10))
    return {"staff": staff, "lead": lead, "dsl": dsl, "head": head}


def _names(response):
    return [row.user.full_name for row in response.context["page"].object_list]


def test_it_shows_each_persons_status_in_each_required_course(login, lead, people):
    response = login(lead).get(reverse("training:matrix"))
    assert response.status_code == 200
    rows = {row.user.full_name: [c and c.status for c in row.cells] for row in response.context["page"].object_list}
    assert rows == {
        "Dee Dsl": ["missing", "valid"],
        "Hal Head": ["expired", None],
        "Lee Lead": ["expiring", None],
        "Sam Staff": ["valid", None],
    }
    html = response.content.decode()
    assert "Expiring" in html and "not required" in html


def test_it_answers_who_still_needs_prevent_training_and_whose_lapses_this_term(login, lead, people):
    client = login(lead)
    needs = client.get(reverse("training:matrix"), {"course": "prevent-awareness", "status": ["missing", "expired"]})
    assert _names(needs) == ["Dee Dsl", "Hal Head"]
    end_of_term = TODAY + datetime.timedelta(days=45)
    lapsing = client.get(reverse("training:matrix"), {"course": "prevent-awareness", "lapses_by": end_of_term})
    assert _names(lapsing) == ["Dee Dsl", "Hal Head", "Lee Lead"]
    assert [c.slug for c in lapsing.context["matrix"].courses] == ["prevent-awareness"]


def test_it_filters_by_role(login, lead, people):
    response = login(lead).get(reverse("training:matrix"), {"role": Role.DSL.value})
    assert _names(response) == ["Dee Dsl"]


def test_it_says_when_no_one_matches(login, lead, people):
    response = login(lead).get(reverse("training:matrix"), {"role": Role.GOVERNOR.value})
    assert "No one matches these filters" in response.content.decode()


def test_it_counts_named_groups_and_the_needs_assessment(school, lead, staff, governor, prevent, channel):
    group = NamedGroup.objects.create(school=school, name="Relevant staff identified by the Prevent Lead/SPOC")
    group.members.add(staff)
    channel.required_groups.add(group)
    assessment = AssessmentFactory(school=school, recorded_by=lead)
    TrainingRequirement.objects.create(
        school=school, assessment=assessment, course=prevent, role=Role.GOVERNOR, reason="They challenge"
    )
    coverage = {c.course.slug: c for c in training_coverage(school)}
    assert coverage["channel-awareness"].required == 1 and coverage["channel-awareness"].shortfall == ["Sam Staff"]
    assert coverage["prevent-awareness"].required == 3  # staff, lead and the governor


def test_training_coverage_counts_each_status(school, people):
    coverage = {c.course.slug: c for c in training_coverage(school)}
    prevent = coverage["prevent-awareness"]
    assert (prevent.required, prevent.valid, prevent.expiring, prevent.expired, prevent.missing) == (4, 1, 1, 1, 1)
    assert prevent.held == 2
    channel = coverage["channel-awareness"]
    assert (channel.required, channel.valid, channel.missing) == (1, 1, 0)


def test_it_exports_the_filtered_matrix_as_csv_with_formulas_escaped(login, lead, school, prevent):
    sly = member(school, Role.STAFF, full_name='=HYPERLINK("http://evil")', email="sly@school.example")
    TrainingRecordFactory(course=prevent, user=sly, completed_on=days_ago(30))
    response = login(lead).get(reverse("training:matrix-csv"), {"course": "prevent-awareness"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Name", "Email", "Roles", "Home Office Prevent awareness (course 1): status"]
    by_email = {r[1]: r for r in rows[1:]}
    assert by_email["sly@school.example"][0].startswith("'=HYPERLINK")
    assert by_email["sly@school.example"][3] == "Valid"
    assert by_email["lee@school.example"][3] == "Missing"


def test_it_shows_a_persons_record(login, dsl, people, prevent):
    response = login(dsl).get(reverse("training:person", args=[people["head"].pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Hal Head: training" in html and "Expired" in html


def test_it_does_not_show_someone_of_another_school(login, lead, outsider):
    assert login(lead).get(reverse("training:person", args=[outsider.pk])).status_code == 404


def test_staff_and_governors_do_not_see_the_matrix(login, staff, governor):
    assert login(staff).get(reverse("training:matrix")).status_code == 403
    assert login(governor).get(reverse("training:matrix-csv")).status_code == 403


def _grow(school, prevent, channel, n):
    for i in range(n):
        user = member(school, Role.STAFF, *([Role.DSL] if i % 5 == 0 else []))
        if i % 3:
            TrainingRecordFactory(course=prevent, user=user, completed_on=days_ago(10 * i))
            TrainingRecordFactory(course=channel, user=user, completed_on=days_ago(5 * i))


@pytest.mark.parametrize("size", [3, 40])
def test_the_matrix_runs_the_same_queries_whatever_its_size(
    login, lead, school, prevent, channel, size, django_assert_num_queries
):
    _grow(school, prevent, channel, size)
    client = login(lead)
    # Around the page (sign-in and school: session, user, memberships, schools, and the session's
    # save) and the matrix, once for the table and the coverage alike: courses, memberships with
    # users, named group members, course groups, requirements, current records.
    with django_assert_num_queries(13):
        response = client.get(reverse("training:matrix"))
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == min(size + 1, 25)


@pytest.mark.parametrize("size", [3, 40])
def test_training_coverage_runs_the_same_queries_whatever_its_size(
    school, prevent, channel, size, django_assert_num_queries
):
    _grow(school, prevent, channel, size)
    with django_assert_num_queries(6):
        training_coverage(school)
