"""The sets of roles the app names ("every role a school gives", "every staff role") are defined once,
on ``Role``; each place that offers or needs roles gives the same ones."""

import pytest

from accounts.forms import JobTitleRoleForm, MemberForm
from accounts.models import Membership, Role
from accounts.roles import CAPABILITIES
from accounts.staff_import import parse_staff_file
from assurance.forms import FilteringRecordForm, RiskAssessmentForm
from referrals.forms import CaseForm
from speakers.forms import SpeakerRequestForm
from training.courses_filters import MatrixFilterForm
from training.default_courses import DEFAULT_COURSES
from training.forms.courses import BriefingForm, CourseForm

from ..factories import member

IN_SCHOOL = ["staff", "prevent_lead", "dsl", "deputy_dsl", "headteacher", "governor"]
SCHOOL_STAFF = ["staff", "prevent_lead", "dsl", "deputy_dsl", "headteacher"]


def test_the_sets_of_roles():
    assert list(Role.in_school()) == IN_SCHOOL  # every role but the trust officer's
    assert list(Role.school_staff()) == SCHOOL_STAFF  # and not the governor's
    assert [value for value, _ in Role.in_school_choices()] == IN_SCHOOL


def _values(choices):
    return [value for value, _ in choices if value]


@pytest.mark.parametrize(
    "choices",
    [
        MemberForm.base_fields["roles"].choices,
        JobTitleRoleForm.base_fields["roles"].choices,
        CourseForm.base_fields["required_roles"].choices,
        BriefingForm.base_fields["invited_roles"].choices,
        MatrixFilterForm.base_fields["role"].choices,
        Membership._meta.get_field("role").choices,
    ],
    ids=["member", "job title", "course", "briefing", "matrix filter", "membership"],
)
def test_every_form_offers_the_roles_a_school_gives_and_never_the_officers(choices):
    assert _values(choices) == IN_SCHOOL


def test_a_staff_list_names_roles_by_value_or_label_and_never_the_officers():
    text = (
        "name,email,job title,roles\n"
        "Dee Deputy,dee@school.example,Teacher,Deputy DSL; governor\n"
        "Sam Spoc,sam@school.example,Teacher,spoc\n"
        "Olive Officer,olive@school.example,Adviser,trust_officer\n"
    )
    rows = parse_staff_file(text, {}).rows
    assert rows[0].roles == ["deputy_dsl", "governor"] and not rows[0].errors
    assert rows[1].roles == ["prevent_lead"]
    assert rows[2].errors == ["Unknown role: trust_officer."]


def test_the_courses_for_every_member_of_staff_are_required_of_every_staff_role():
    awareness = next(course for course in DEFAULT_COURSES if course["slug"] == "prevent-awareness")
    assert [str(role) for role in awareness["required_roles"]] == SCHOOL_STAFF


def test_capabilities_for_everyone_who_works_in_the_school_leave_out_governors_and_officers():
    assert CAPABILITIES["own_actions"] == CAPABILITIES["request_speakers"] == frozenset(SCHOOL_STAFF)
    assert CAPABILITIES["read_documents"] == frozenset(IN_SCHOOL)
    assert CAPABILITIES["view_home"] == frozenset(Role)


@pytest.fixture
def deputy_only(school):
    """Someone whose only role is deputy DSL: still a member of staff for every list of staff."""
    return member(school, Role.DEPUTY_DSL, full_name="Dora Deputy", email="dora@school.example")


def test_the_people_fields_offer_staff_of_every_role_and_not_governors(school, staff, governor, deputy_only):
    staff_fields = [
        CaseForm(school=school).fields["raised_by"],
        SpeakerRequestForm(school=school).fields["invited_by"],
        RiskAssessmentForm(school=school).fields["completed_by"],
        FilteringRecordForm(school=school).fields["senior_leader"],
    ]
    for field in staff_fields:
        assert {staff, deputy_only} <= set(field.queryset) and governor not in field.queryset
    assert list(FilteringRecordForm(school=school).fields["governor"].queryset) == [governor]
