"""The plan page: empty state, making the plan, the table by area, filters and query counts."""

import datetime

import pytest
from django.urls import reverse

from compliance import measures
from compliance.models import Action, ActionPlan, Owner

from .factories import sized_plan, template_plan

PLAN = reverse("compliance:plan")


def test_it_offers_the_lead_the_templates_of_the_schools_area_when_there_is_no_plan(login, lead):
    response = login(lead).get(PLAN)
    assert response.status_code == 200
    assert b"Create our plan from the chosen template" in response.content
    # A Peterborough school: the national plan (checked) and the area's own 2019 plan.
    choices = response.context["form"].fields["template"].choices
    assert [key for key, _ in choices] == ["national-2023", "cambridgeshire-peterborough-2019"]
    assert response.context["form"]["template"].initial == "national-2023"
    assert "from the contact directory" in response.content.decode()


def test_it_tells_staff_who_makes_the_plan_without_a_button(login, staff):
    response = login(staff).get(PLAN)
    assert b"Create our plan" not in response.content
    assert b"Your Prevent Lead or headteacher makes the plan" in response.content


def test_it_makes_the_plan_in_one_step(login, lead, school):
    client = login(lead)
    response = client.post(
        reverse("compliance:plan-create"),
        {"template": "cambridgeshire-peterborough-2019", "academic_year": "2026/27"},
        follow=True,
    )
    plan = ActionPlan.objects.get(school=school)
    assert plan.actions.count() == 28
    assert b"has been made from the template" in response.content
    assert "Ken Stimpson Community School recognises" in response.content.decode()


def test_it_refuses_staff_making_the_plan(login, staff, school):
    response = login(staff).post(
        reverse("compliance:plan-create"), {"template": "cambridgeshire-peterborough-2019", "academic_year": "2026/27"}
    )
    assert response.status_code == 403
    assert not ActionPlan.objects.exists()


def test_it_explains_a_bad_year(login, lead):
    response = login(lead).post(
        reverse("compliance:plan-create"), {"template": "cambridgeshire-peterborough-2019", "academic_year": "2026/28"}
    )
    assert response.status_code == 400
    assert b"The second year must follow the first" in response.content


def test_it_shows_the_plan_by_area_like_the_document(login, governor, school, lead):
    template_plan(school, lead)
    response = login(governor).get(PLAN)
    html = response.content.decode()
    for heading in ["Duty", "Evidence", "Action", "By whom"]:
        assert f'<th scope="col">{heading}</th>' in html
    assert html.index("Risk assessment") < html.index("Working in Partnership") < html.index("IT Policies")
    assert "Change plan details" not in html  # governors read, they do not change


def test_it_filters_by_owner_and_status(login, staff, school, lead):
    plan = template_plan(school, lead)
    Action.objects.filter(plan=plan, text__startswith="Request an outline").update(status=Action.Status.IN_PLACE)
    client = login(staff)
    html = client.get(PLAN, {"owner": Owner.PSHE_STAFF}).content.decode()
    assert "Through PSHE/Citizenship" in html
    assert "Request an outline" not in html
    html = client.get(PLAN, {"status": Action.Status.IN_PLACE}).content.decode()
    assert "Showing 1 of 28 actions" in html
    assert "Request an outline" in html


def test_it_filters_by_rag(login, staff, school, lead):
    plan = template_plan(school, lead)
    late = Action.objects.filter(plan=plan, text__startswith="E safety policy")
    late.update(target_date=datetime.date(2020, 1, 1), status=Action.Status.IN_PROGRESS)
    html = login(staff).get(PLAN, {"rag": "red"}).content.decode()
    assert "Showing 1 of 28 actions" in html
    assert "E safety policy" in html and "overdue" in html


def test_it_says_when_no_action_matches(login, staff, school, lead):
    template_plan(school, lead)
    response = login(staff).get(PLAN, {"rag": "green"})
    assert b"No actions match these filters" in response.content


def _count_measure(school, **params):
    from compliance.models import Action as A

    return measures.MeasureResult(A.objects.filter(school=school).count(), 100, shortfall=["Someone"])


@pytest.fixture
def counted_measure(monkeypatch):
    monkeypatch.setitem(measures.REGISTRY, "test_count", measures.MeasureKind("test_count", "Counted", _count_measure))


@pytest.mark.parametrize("size", [5, 50])
def test_its_query_count_does_not_grow_with_the_plan(
    login, staff, school, size, django_assert_num_queries, counted_measure
):
    plan = sized_plan(school, size, measure_key="test_count")
    client = login(staff)
    client.get(PLAN)  # warm the session
    # session, user, memberships, schools; plan; actions; their people; the measure (once, not
    # per action); plans for the year switcher; areas for the filter; the session's save (3)
    with django_assert_num_queries(13):
        response = client.get(PLAN)
    assert response.status_code == 200
    assert plan.actions.count() == size


@pytest.mark.parametrize("size", [5, 50])
def test_its_filtered_query_count_does_not_grow(login, staff, school, size, django_assert_num_queries, counted_measure):
    sized_plan(school, size, measure_key="test_count")
    client = login(staff)
    client.get(PLAN)
    # as above, plus the filtered actions' ids
    with django_assert_num_queries(14):
        client.get(PLAN, {"status": "not_started", "rag": "amber"})


def test_it_lists_every_year(login, staff, school, lead):
    sized_plan(school, 2, year="2025/26")
    response = login(staff).get(reverse("compliance:plan-list"))
    assert b"2025/26" in response.content


def test_the_year_list_has_an_empty_state(login, staff):
    response = login(staff).get(reverse("compliance:plan-list"))
    assert b"There is no action plan yet" in response.content


def test_another_schools_plan_is_not_found(login, outsider, school, lead):
    plan = template_plan(school, lead)
    response = login(outsider).get(reverse("compliance:plan-detail", args=[plan.pk]))
    assert response.status_code == 404
