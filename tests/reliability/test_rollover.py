"""The academic year's rollover and edits made while it runs: nothing lost, the closed year unchanged.

Found: an action edited while the plan rolled over to the next year was missing from the new
plan and written into the closed one (4 of 4 tries).
"""

import time

import pytest
from django.urls import reverse

from compliance.models import Action, ActionPlan
from compliance.services import plan_roll_over
from tests.compliance.factories import sized_plan

from .conftest import needs_postgres, run_together, signed_in

TRIES = 4
ACTIONS = 300  # enough for the rollover to take a moment, so that the edit arrives while it runs


def _edit(client, url, data, delay):
    def send():
        time.sleep(delay)  # the rollover has begun
        return client.post(url, data)

    return send


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_an_action_edited_during_the_rollover_is_kept_or_refused_never_lost(school, lead, head):
    hal = signed_in(head)
    for attempt in range(TRIES):
        plan = sized_plan(school, ACTIONS, year=f"{2030 + 2 * attempt}/{(31 + 2 * attempt) % 100:02d}")
        action = Action.objects.filter(plan=plan).order_by("-pk").first()  # copied last
        url = reverse("compliance:action-edit", args=[action.pk])
        page = hal.get(url)
        data = {k: v for k, v in page.context["form"].initial.items() if v is not None and k != "people"}
        data.update(text=f"Edited during the rollover ({attempt})", status="in_place", version=action.version)
        (new_plan, answer), errors = run_together(
            lambda plan=plan: plan_roll_over(plan=plan, by=lead), _edit(hal, url, data, delay=0.15)
        )
        assert errors == []
        closed = Action.objects.get(pk=action.pk)
        copy = Action.objects.get(plan=new_plan, carried_from=closed)
        # The closed year is as the rollover copied it: the copy and the original agree.
        assert closed.text == copy.text, "the edit went into the closed plan after the copy was made"
        if answer.status_code == 302:  # the person was told it was saved: it is in the new plan
            assert copy.text == data["text"]
        else:  # refused, and told why
            assert answer.status_code == 200
            assert "rolled over" in answer.content.decode()
            assert closed.text == action.text
        assert ActionPlan.objects.get(pk=plan.pk).closed_at is not None


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_two_rollovers_at_once_make_one_new_plan_and_the_other_is_told(school, lead, head):
    plan = sized_plan(school, 30, year="2030/31")
    lee, hal = signed_in(lead), signed_in(head)
    url = reverse("compliance:plan-rollover", args=[plan.pk])
    lee.get(url), hal.get(url)
    answers, errors = run_together(
        lambda: lee.post(url, {"academic_year": "2031/32"}), lambda: hal.post(url, {"academic_year": "2032/33"})
    )
    assert errors == []
    assert sorted(a.status_code for a in answers) == [200, 302]
    refused = next(a for a in answers if a.status_code == 200).content.decode()
    assert "already been rolled over" in refused
    assert ActionPlan.objects.filter(previous=plan).count() == 1
    assert ActionPlan.objects.filter(school=school).count() == 2
