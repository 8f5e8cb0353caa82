"""Actions of the plan raised from (or linked to) a risk, a self-assessment rating or a filtering
gap, in one step; their progress shows back on the record they came from."""

from django.urls import reverse

from compliance.models import Action, ActionSource
from compliance.raised_actions import AREA_TITLE
from compliance.services import action_update
from tests.assurance import factories as f

from .factories import template_plan


def _raise(client, kind, pk, nonce="n-1"):
    return client.post(reverse("compliance:raise-action", kwargs={"kind": kind, "pk": pk}), {"nonce": nonce})


def test_a_risks_further_action_becomes_an_action_of_the_plan_in_one_step(login, lead, dsl, school):
    plan = template_plan(school, lead, year=f.this_year())
    risk = f.risk(f.risk_assessment(school, lead), lead, further_action="Parents' workshop on online risk", lead=dsl)
    client = login(lead)
    response = _raise(client, "risk", risk.pk)
    assert response["Location"] == reverse("assurance:risk-detail", kwargs={"pk": risk.pk})
    _raise(client, "risk", risk.pk)  # a double click: still one action
    action = Action.objects.get(sources__risk=risk)
    assert action.plan == plan and action.text == "Parents' workshop on online risk"
    assert action.evidence.duty.area.title == AREA_TITLE
    assert action.owner_text == "Dee Dsl" and list(action.people.all()) == [dsl]
    assert action.target_date == risk.due_on
    assert action.history.filter(summary__startswith="Raised from the Prevent risk assessment").exists()
    # The risk shows the action's progress, and follows it.
    page = client.get(reverse("assurance:risk-detail", kwargs={"pk": risk.pk})).content.decode()
    assert 'Parents&#x27; workshop on online risk</a>: <span class="badge text-bg-secondary">Not started' in page
    action_update(action=action, by=lead, expected_version=action.version, status=Action.Status.IN_PLACE)
    page = client.get(reverse("assurance:risk-assessment-detail", kwargs={"pk": risk.assessment_id})).content.decode()
    assert 'text-bg-success">In place' in page
    # And the plan shows it under its own heading.
    plan_page = client.get(reverse("compliance:plan")).content.decode()
    assert AREA_TITLE in plan_page and "Parents&#x27; workshop on online risk" in plan_page


def test_a_statement_below_the_expected_level_becomes_an_action_and_the_button_goes(login, lead, school):
    template_plan(school, lead, year=f.this_year())
    assessment = f.self_assessment(school, lead)
    good = f.rate(assessment, lead, "lm-policy", level=2)
    weak = f.rate(assessment, lead, "tr-impact", level=3, rag="amber", note="Nothing checks understanding")
    client = login(lead)
    detail = reverse("assurance:self-assessment-detail", kwargs={"pk": assessment.pk})
    page = client.get(detail).content.decode()
    assert page.count("Make it a plan action") == 1
    assert reverse("compliance:raise-action", kwargs={"kind": "rating", "pk": weak.pk}) in page
    assert reverse("compliance:raise-action", kwargs={"kind": "rating", "pk": good.pk}) not in page
    _raise(client, "rating", weak.pk)
    action = Action.objects.get(sources__rating=weak)
    assert action.text.startswith("Reach level 2 (good): The school checks what staff understood")
    assert action.evidence.text == f"Training (self-assessment {assessment.academic_year})"
    assert "Nothing checks understanding" in action.notes
    page = client.get(detail).content.decode()
    assert "Make it a plan action" not in page and "Not started" in page


def test_a_filtering_gap_becomes_an_action_owned_by_the_senior_leader(login, lead, head, school):
    template_plan(school, lead, year=f.this_year())
    record = f.filtering(school, lead)
    record.senior_leader = head
    record.save()
    check = f.filtering_check(record, lead, result="not_blocked")
    _raise(login(lead), "filtering-check", check.pk)
    action = Action.objects.get(sources__filtering_check=check)
    assert action.text == "Close the filtering gap: Extremism (not blocked or not alerted: a gap)"
    assert list(action.people.all()) == [head]


def test_without_a_plan_nothing_is_raised_and_the_lead_is_told_why(login, lead, school):
    risk = f.risk(f.risk_assessment(school, lead), lead)
    response = _raise(login(lead), "risk", risk.pk)
    assert response.status_code == 302
    assert not Action.objects.exists()
    page = login(lead).get(response["Location"]).content.decode()
    assert "The school has no action plan yet" in page


def test_an_action_already_in_the_plan_is_linked_once(login, lead, school):
    plan = template_plan(school, lead, year=f.this_year())
    risk = f.risk(f.risk_assessment(school, lead), lead)
    action = plan.actions.order_by("pk").first()
    url = reverse("compliance:link-action", kwargs={"kind": "risk", "pk": risk.pk})
    client = login(lead)
    client.post(url, {"action": action.pk})
    client.post(url, {"action": action.pk})
    link = ActionSource.objects.get(risk=risk)
    assert link.action == action and not link.raised
    assert action.history.filter(summary__startswith="Linked to the Prevent risk assessment").exists()


def test_another_schools_records_and_actions_cannot_be_used(login, lead, outsider, school, other_school):
    template_plan(school, lead, year=f.this_year())
    other_plan = template_plan(other_school, outsider, year=f.this_year())
    risk = f.risk(f.risk_assessment(school, lead), lead)
    assert _raise(login(outsider), "risk", risk.pk).status_code == 404
    url = reverse("compliance:link-action", kwargs={"kind": "risk", "pk": risk.pk})
    login(lead).post(url, {"action": other_plan.actions.first().pk})
    login(lead).post(url, {"action": "9" * 40})
    assert not ActionSource.objects.exists()


def test_an_unknown_kind_of_record_is_not_found(login, lead, school):
    assert _raise(login(lead), "speaker", 1).status_code == 404


def test_governors_and_staff_cannot_raise_actions(login, governor, staff, lead, school):
    template_plan(school, lead, year=f.this_year())
    risk = f.risk(f.risk_assessment(school, lead), lead)
    assert _raise(login(governor), "risk", risk.pk).status_code == 403
    assert _raise(login(staff), "risk", risk.pk).status_code == 403
    assert not Action.objects.filter(sources__isnull=False).exists()
