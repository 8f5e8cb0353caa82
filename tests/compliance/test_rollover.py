"""Rolling the plan over: a copy for next year to review, last year kept and read-only."""

from django.urls import reverse

from compliance.models import Action, ActionPlan

from .factories import file_evidence, template_plan


def test_the_rollover_copies_the_plan_and_keeps_last_year(login, lead, school):
    old = template_plan(school, lead, year="2025/26")
    done = old.actions.get(text__startswith="Request an outline")
    Action.objects.filter(pk=done.pk).update(status="in_place")
    item = file_evidence(done, lead)
    client = login(lead)
    response = client.post(
        reverse("compliance:plan-rollover", args=[old.pk]), {"academic_year": "2026/27"}, follow=True
    )
    assert b"every action is now" in response.content
    new = ActionPlan.objects.get(school=school, academic_year="2026/27")
    assert new.actions.count() == old.actions.count() == 28
    assert set(new.actions.values_list("status", flat=True)) == {"to_review"}
    old.refresh_from_db()
    assert old.is_read_only
    assert Action.objects.get(pk=done.pk).status == "in_place"  # last year intact
    copied = new.actions.get(carried_from=done)
    page = client.get(reverse("compliance:action-detail", args=[copied.pk])).content.decode()
    assert item.title in page and "from 2025/26" in page  # evidence stays on last year's plan, shown here
    assert item.action_id == done.pk


def test_the_old_plan_stays_visible_and_cannot_be_changed(login, lead, school):
    old = template_plan(school, lead, year="2025/26")
    client = login(lead)
    client.post(reverse("compliance:plan-rollover", args=[old.pk]), {"academic_year": "2026/27"})
    page = client.get(reverse("compliance:plan-detail", args=[old.pk])).content.decode()
    assert "can no longer be changed" in page
    action = old.actions.first()
    response = client.post(reverse("compliance:action-edit", args=[action.pk]), {"status": "in_place"}, follow=True)
    assert b"can no longer be changed" in response.content
    assert Action.objects.get(pk=action.pk).status == "not_started"
    assert b"2026/27" in client.get(reverse("compliance:plan-list")).content


def test_staff_cannot_roll_over(login, staff, school, lead):
    old = template_plan(school, lead)
    assert (
        login(staff).post(reverse("compliance:plan-rollover", args=[old.pk]), {"academic_year": "2027/28"}).status_code
        == 403
    )
    assert ActionPlan.objects.count() == 1
