"""An action: the Lead updates it, attaches evidence and sees its history; others read it."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import AuditEvent
from compliance import measures
from compliance.models import RAG, Action, ActionHistory, EvidenceItem

from .factories import PDF_BYTES, file_evidence, template_plan


@pytest.fixture
def action(school, lead):
    plan = template_plan(school, lead)
    return plan.actions.get(text__startswith="Request an outline")


def _edit_data(action, **changes):
    data = {
        "text": action.text,
        "status": action.status,
        "owner": action.owner,
        "owner_label": action.owner_label,
        "target_date": "",
        "review_date": "",
        "last_reviewed_on": "",
        "notes": "",
        "measure_key": "",
        "measure_params": "{}",
        "threshold_percent": "",
        "version": action.version,
    }
    data.update(changes)
    return data


def test_the_lead_updates_an_action_and_it_is_in_the_history(login, lead, action):
    client = login(lead)
    response = client.post(
        reverse("compliance:action-edit", args=[action.pk]),
        _edit_data(action, status="in_place", last_reviewed_on="2026-11-01", notes="Form updated."),
        follow=True,
    )
    assert b"The action has been saved." in response.content
    action.refresh_from_db()
    assert action.status == Action.Status.IN_PLACE
    assert action.last_reviewed_by == lead
    entry = ActionHistory.objects.filter(action=action, summary="Updated").get()
    assert entry.by == lead
    assert entry.changes["status"] == ["not_started", "in_place"]
    assert AuditEvent.objects.filter(action="compliance.action_updated", object_id=str(action.pk)).exists()
    assert "Lee Lead" in response.content.decode()  # who, in the history shown on the page
    # ...and what changed, in the words the page uses elsewhere rather than stored values.
    assert "Status: Not started → In place" in response.content.decode()
    assert "Last reviewed on: — → 1 November 2026" in response.content.decode()


def test_a_second_editor_is_told_and_keeps_their_input(login, lead, head, action):
    stale = _edit_data(action, notes="The head's note")
    login(lead).post(reverse("compliance:action-edit", args=[action.pk]), _edit_data(action, status="in_progress"))
    response = login(head).post(reverse("compliance:action-edit", args=[action.pk]), stale)
    assert response.status_code == 200
    assert b"Someone else saved a change to this record" in response.content
    assert b"The head&#x27;s note" in response.content
    action.refresh_from_db()
    assert action.notes == "" and action.status == Action.Status.IN_PROGRESS


def test_staff_and_governors_read_but_cannot_change_an_action(login, staff, governor, action):
    for person in (staff, governor):
        client = login(person)
        page = client.get(reverse("compliance:action-detail", args=[action.pk]))
        assert page.status_code == 200
        assert b"Update this action" not in page.content
        assert client.post(reverse("compliance:action-edit", args=[action.pk]), _edit_data(action)).status_code == 403


def test_the_lead_attaches_a_file_with_its_sha256(login, lead, action):
    upload = SimpleUploadedFile("form.pdf", PDF_BYTES, content_type="application/pdf")
    response = login(lead).post(
        reverse("compliance:evidence-add", args=[action.pk]),
        {"kind": "file", "title": "Speaker request form", "file": upload},
        follow=True,
    )
    assert b"The evidence has been added" in response.content
    item = EvidenceItem.objects.get(action=action)
    assert len(item.sha256) == 64 and item.added_by == lead
    assert AuditEvent.objects.filter(action="compliance.evidence_added").exists()
    assert ActionHistory.objects.filter(action=action, summary__startswith="Evidence added").exists()


def test_it_refuses_a_file_that_is_not_what_it_says(login, lead, action):
    upload = SimpleUploadedFile("form.pdf", b"MZ not a pdf at all", content_type="application/pdf")
    response = login(lead).post(
        reverse("compliance:evidence-add", args=[action.pk]), {"kind": "file", "title": "Bad", "file": upload}
    )
    assert response.status_code == 400
    assert b"content is not a .pdf file" in response.content
    assert not EvidenceItem.objects.exists()


def test_it_asks_for_the_link_when_the_evidence_is_a_link(login, lead, action):
    response = login(lead).post(reverse("compliance:evidence-add", args=[action.pk]), {"kind": "link", "title": "A"})
    assert response.status_code == 400
    assert b"Fill this in for the type of evidence you chose" in response.content


def test_staff_download_evidence_and_outsiders_do_not(login, staff, outsider, lead, action):
    item = file_evidence(action, lead)
    url = reverse("compliance:evidence-download", args=[item.pk])
    response = login(staff).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert login(outsider).get(url).status_code == 404


def test_it_shows_live_evidence_with_its_shortfall_and_turns_amber_or_red(login, lead, action, monkeypatch):
    result = measures.MeasureResult(6, 10, shortfall=["Ann Able", "Bo Brown"])
    monkeypatch.setitem(measures.REGISTRY, "t.m", measures.MeasureKind("t.m", "Test measure", lambda school: result))
    Action.objects.filter(pk=action.pk).update(status="in_place", measure_key="t.m", threshold_percent=100)
    html = login(lead).get(reverse("compliance:action-detail", args=[action.pk])).content.decode()
    assert "60%" in html and "the threshold is 100%" in html
    assert "Ann Able" in html and "Bo Brown" in html
    assert "rag-amber" in html
    Action.objects.filter(pk=action.pk).update(threshold_percent=None)
    result.numerator = 4  # below half the threshold
    assert "rag-red" in login(lead).get(reverse("compliance:action-detail", args=[action.pk])).content.decode()


def test_rag_follows_status_and_dates(action):
    action.status = Action.Status.IN_PLACE
    assert action.rag == RAG.GREEN
    action.status = Action.Status.IN_PROGRESS
    assert action.rag == RAG.AMBER
    action.target_date = datetime.date(2020, 1, 1)
    assert action.rag == RAG.RED and action.is_overdue
    action.status = Action.Status.NEEDS_ATTENTION
    action.target_date = None
    assert action.rag == RAG.RED


def test_the_lead_adopts_the_plan(login, lead, school, action):
    plan = action.plan
    response = login(lead).post(
        reverse("compliance:plan-edit", args=[plan.pk]),
        {
            "title": plan.title,
            "statement": plan.statement,
            "status": "adopted",
            "adopted_on": "2026-09-10",
            "next_review_on": "2027-07-01",
            "version": plan.version,
        },
        follow=True,
    )
    assert b"The plan&#x27;s details have been saved." in response.content
    plan.refresh_from_db()
    assert plan.status == "adopted" and plan.adopted_by == lead


def _with_measure(monkeypatch, action, kind):
    monkeypatch.setitem(measures.REGISTRY, kind.key, kind)
    Action.objects.filter(pk=action.pk).update(measure_key=kind.key, threshold_percent=100)


def test_names_behind_a_shortfall_are_only_for_those_who_follow_it_up(
    login, lead, dsl, head, staff, governor, trust, action, monkeypatch
):
    detail = reverse("training:document-overview")
    result = measures.MeasureResult(1, 3, shortfall=["Ann Able", "Bo Brown"], detail_url=detail)
    _with_measure(monkeypatch, action, measures.MeasureKind("t.names", "Read the policy", lambda school: result))
    url = reverse("compliance:action-detail", args=[action.pk])
    for person in (lead, dsl, head):
        page = login(person).get(url).content.decode()
        assert "Ann Able" in page and f'href="{detail}"' in page, person
    for person in (staff, governor, trust):
        page = login(person).get(url).content.decode()
        assert "Behind the shortfall (2)" in page, person  # how many, not who
        assert "Ann Able" not in page and "Bo Brown" not in page, person
        assert f'href="{detail}"' not in page, person  # the details page would refuse them


def test_staff_never_see_a_referral_measure_and_governors_see_small_counts_withheld(
    login, lead, staff, governor, action, monkeypatch
):
    result = measures.MeasureResult(1, 3, shortfall=["2 concern(s) without a recorded decision"])
    kind = measures.MeasureKind(
        "t.referrals",
        "Concerns decided",
        lambda school: result,
        counts_referrals=True,
        capability="view_referral_statistics",
    )
    _with_measure(monkeypatch, action, kind)
    detail, plan = reverse("compliance:action-detail", args=[action.pk]), reverse("compliance:plan")
    for url in (detail, plan):
        page = login(staff).get(url).content.decode()
        assert "Concerns decided" not in page and ">33% (needs" not in page and ">not shown (needs" not in page
    governor_page = login(governor).get(detail).content.decode()
    assert "Concerns decided: <strong>not shown</strong> (fewer than 5 of fewer than 5)" in governor_page
    assert "without a recorded decision" not in governor_page
    assert ">not shown (needs 100%)<" in login(governor).get(plan).content.decode()
    lead_page = login(lead).get(detail).content.decode()
    assert "Concerns decided: <strong>33%</strong> (1 of 3)" in lead_page
    assert "2 concern(s) without a recorded decision" in lead_page
    assert ">33% (needs 100%)<" in login(lead).get(plan).content.decode()


def test_every_measure_links_only_to_a_page_that_names_its_capability(school):
    """The action page shows a measure's details link by asking the target's capability."""
    from accounts.access import capability_of
    from accounts.roles import CAPABILITIES

    for kind in measures.REGISTRY.values():
        assert kind.capability in CAPABILITIES and kind.names_capability in CAPABILITIES, kind.key
        result = kind.compute(school)
        if result.detail_url:
            assert capability_of(result.detail_url) in CAPABILITIES, f"{kind.key}: {result.detail_url}"
