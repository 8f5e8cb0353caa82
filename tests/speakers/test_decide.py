"""The Lead records the checks, decides in writing and downloads the letter, through the pages."""

import pytest
from django.urls import reverse

from speakers.models import CheckTemplate, Decision, DueDiligenceCheck, Status

from .factories import complete_checks, decide, make_request

pytestmark = pytest.mark.django_db


def test_it_records_a_check_from_the_request_page(login, school, staff, lead):
    speaker_request = make_request(school, staff)
    template = CheckTemplate.objects.filter(school=school).first()
    client = login(lead)
    page = client.get(reverse("speakers:request-detail", args=[speaker_request.pk])).content.decode()
    assert reverse("speakers:check-edit", args=[speaker_request.pk, template.pk]) in page
    response = client.post(
        reverse("speakers:check-edit", args=[speaker_request.pk, template.pk]),
        {"result": "concerns", "notes": "Posts on X (twitter.com/...) praising a banned group."},
        follow=True,
    )
    assert "has been recorded" in response.content.decode()
    check = DueDiligenceCheck.objects.get()
    assert (check.done_by, check.result) == (lead, "concerns")


def test_it_records_a_risk_rating_with_its_reason(login, school, staff, lead):
    speaker_request = make_request(school, staff)
    client = login(lead)
    response = client.post(reverse("speakers:risk-edit", args=[speaker_request.pk]), {"risk_rating": "high"})
    assert "This field is required" in response.content.decode()
    client.post(reverse("speakers:risk-edit", args=[speaker_request.pk]), {"risk_rating": "high", "risk_reason": "X"})
    speaker_request.refresh_from_db()
    assert speaker_request.risk_rating == "high"


def _decision_form(client, speaker_request):
    page = client.get(reverse("speakers:decide", args=[speaker_request.pk]))
    form = page.context["form"]
    return {"supersedes": form["supersedes"].initial or ""}


def test_it_declines_with_a_justification_and_offers_the_letter(login, school, staff, lead):
    speaker_request = make_request(school, staff)
    client = login(lead)
    data = _decision_form(client, speaker_request) | {
        "outcome": "decline",
        "justification": "The organisation shares platforms with a proscribed group.",
    }
    response = client.post(reverse("speakers:decide", args=[speaker_request.pk]), data, follow=True)
    page = response.content.decode()
    decision = Decision.objects.get()
    assert "has been recorded" in page
    assert reverse("speakers:decision-record", args=[speaker_request.pk, decision.pk]) in page
    speaker_request.refresh_from_db()
    assert speaker_request.status == Status.DECLINED


def test_it_makes_one_decision_when_the_form_is_sent_twice(login, school, staff, lead):
    speaker_request = make_request(school, staff)
    client = login(lead)
    data = _decision_form(client, speaker_request) | {"outcome": "decline", "justification": "No."}
    client.post(reverse("speakers:decide", args=[speaker_request.pk]), data)
    client.post(reverse("speakers:decide", args=[speaker_request.pk]), data)
    assert Decision.objects.count() == 1


def test_it_shows_why_approval_is_refused(login, school, staff, lead):
    speaker_request = make_request(school, staff)
    client = login(lead)
    data = _decision_form(client, speaker_request) | {"outcome": "approve", "justification": "Fine."}
    response = client.post(reverse("speakers:decide", args=[speaker_request.pk]), data)
    assert "cannot be approved until every required check is done" in response.content.decode()
    assert not Decision.objects.exists()


def test_it_says_a_request_without_an_outline_cannot_be_decided(login, school, staff, lead):
    speaker_request = make_request(school, staff, outline="")
    page = login(lead).get(reverse("speakers:decide", args=[speaker_request.pk])).content.decode()
    assert "cannot be decided until" in page
    assert "Record the decision" not in page


def test_it_shows_both_decisions_after_a_change(login, school, staff, lead, head):
    speaker_request = complete_checks(make_request(school, staff), lead)
    decide(speaker_request, lead, outcome="approve", justification="First view.")
    client = login(head)
    data = _decision_form(client, speaker_request) | {
        "outcome": "decline",
        "justification": "Second view.",
        "reason_for_change": "New information from the Prevent officer.",
    }
    client.post(reverse("speakers:decide", args=[speaker_request.pk]), data)
    page = client.get(reverse("speakers:request-detail", args=[speaker_request.pk])).content.decode()
    assert "First view." in page and "Second view." in page
    assert "Superseded" in page
    assert "New information from the Prevent officer." in page


def test_it_has_no_way_to_edit_a_decision(school, staff, lead):
    from django.urls import get_resolver

    speaker_patterns = next(p for p in get_resolver().url_patterns if getattr(p, "namespace", None) == "speakers")
    names = {p.name for p in speaker_patterns.url_patterns}
    assert not any("decision" in n and ("edit" in n or "change" in n) for n in names)


def test_it_stops_a_member_of_staff_deciding(login, school, staff):
    speaker_request = make_request(school, staff)
    assert login(staff).get(reverse("speakers:decide", args=[speaker_request.pk])).status_code == 403
