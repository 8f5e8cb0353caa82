"""My actions: what a person owns through a role, "All staff", or being named on an action."""

import pytest
from django.urls import reverse

from compliance import measures
from compliance.models import Action, Owner

from .factories import sized_plan, template_plan

MINE = reverse("compliance:my-actions")


def test_staff_see_all_staff_actions_and_not_the_leads(login, staff, school, lead):
    template_plan(school, lead)
    html = login(staff).get(MINE).content.decode()
    assert "All staff record and report concerns on CPOMS." in html
    assert "Request an outline" not in html


def test_the_dsl_sees_the_dsl_actions(login, dsl, school, lead):
    template_plan(school, lead)
    html = login(dsl).get(MINE).content.decode()
    assert "Ensure that the designated safeguarding lead undertakes Prevent Awareness Training." in html


def test_a_person_named_on_an_action_sees_it(login, staff, school, lead):
    plan = template_plan(school, lead)
    pshe = plan.actions.get(text__startswith="Through PSHE/Citizenship")
    pshe.people.add(staff)
    html = login(staff).get(MINE).content.decode()
    assert "Through PSHE/Citizenship" in html


def test_governors_have_no_actions_page(login, governor):
    assert login(governor).get(MINE).status_code == 403


def test_it_has_an_empty_state(login, staff):
    assert b"There is no action plan yet" in login(staff).get(MINE).content


def test_it_filters_by_status(login, staff, school, lead):
    plan = template_plan(school, lead)
    Action.objects.filter(plan=plan, text__startswith="All staff record").update(status="in_place")
    html = login(staff).get(MINE, {"status": "in_place"}).content.decode()
    assert "All staff record and report concerns on CPOMS." in html
    assert "All staff understand how to record" not in html


def test_the_home_page_counts_my_open_actions(login, staff, school, lead):
    template_plan(school, lead)
    html = login(staff).get(reverse("home")).content.decode()
    assert "Your actions in the Prevent action plan that are not yet in place" in html


def test_the_home_page_tells_the_lead_what_needs_attention(login, lead, school):
    plan = template_plan(school, lead)
    Action.objects.filter(plan=plan, text__startswith="E safety").update(status="needs_attention")
    html = login(lead).get(reverse("home")).content.decode()
    assert "Actions of the plan that need attention or are overdue" in html


@pytest.mark.parametrize("size", [5, 50])
def test_its_query_count_does_not_grow(login, staff, school, size, django_assert_num_queries, monkeypatch):
    monkeypatch.setitem(
        measures.REGISTRY, "t.m", measures.MeasureKind("t.m", "T", lambda school: measures.MeasureResult(1, 2))
    )
    sized_plan(school, size, owner=Owner.ALL_STAFF, measure_key="t.m")
    client = login(staff)
    client.get(MINE)
    # session, user, memberships, schools; current plan; my actions; their people; areas for
    # the filter; the session's save (3). The test measure itself makes no query.
    with django_assert_num_queries(11):
        response = client.get(MINE)
    assert response.status_code == 200
