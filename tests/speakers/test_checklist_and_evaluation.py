"""The school's checklist, and the evaluation after an event."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from speakers.default_checks import DEFAULT_CHECKS
from speakers.models import CheckTemplate, Evaluation, Status

from .factories import complete_checks, decide, make_request

pytestmark = pytest.mark.django_db


def test_it_starts_the_checklist_with_the_defaults_and_lets_the_lead_add_one(login, school, lead):
    client = login(lead)
    page = client.get(reverse("speakers:checklist")).content.decode()
    assert "The list of proscribed organisations" in page
    response = client.post(
        reverse("speakers:checklist"),
        {"name": "Letting agent's own checks", "guidance": "", "active": "on", "position": 7},
        follow=True,
    )
    assert "has been added to the checklist" in response.content.decode()
    assert CheckTemplate.objects.filter(school=school).count() == len(DEFAULT_CHECKS) + 1


def test_it_makes_a_new_check_required_on_open_requests(login, school, staff, lead):
    speaker_request = complete_checks(make_request(school, staff), lead)
    assert speaker_request.status == Status.AWAITING_DECISION
    login(lead).post(reverse("speakers:checklist"), {"name": "Trustees' check", "active": "on", "position": 9})
    speaker_request.refresh_from_db()
    assert speaker_request.status == Status.AWAITING_CHECKS


def test_it_takes_a_retired_check_off_open_requests(login, school, staff, lead):
    speaker_request = make_request(school, staff)
    for template in CheckTemplate.objects.filter(school=school, only_if_concerns=False)[1:]:
        login(lead).post(
            reverse("speakers:checklist-edit", args=[template.pk]),
            {"name": template.name, "position": template.position},
        )
    complete_checks(speaker_request, lead)
    assert speaker_request.status == Status.AWAITING_DECISION


def test_it_records_the_evaluation_after_the_event(login, school, staff, lead):
    speaker_request = complete_checks(
        make_request(school, staff, starts_at=timezone.now() - datetime.timedelta(days=2)), lead
    )
    decide(speaker_request, lead)
    response = login(lead).post(
        reverse("speakers:evaluate", args=[speaker_request.pk]),
        {"went_as_agreed": "no", "notes": "The speaker went off topic.", "invite_again": "no"},
        follow=True,
    )
    assert "The evaluation has been recorded" in response.content.decode()
    speaker_request.refresh_from_db()
    assert speaker_request.status == Status.EVALUATED
    assert speaker_request.evaluation.went_as_agreed is False


def test_it_explains_an_event_cannot_be_evaluated_yet(login, school, staff, lead):
    speaker_request = make_request(school, staff)
    page = login(lead).get(reverse("speakers:evaluate", args=[speaker_request.pk])).content.decode()
    assert "Only an approved event can be evaluated" in page


def test_it_refuses_to_evaluate_an_event_before_it_happens(login, school, staff, lead):
    speaker_request = complete_checks(
        make_request(school, staff, starts_at=timezone.now() + datetime.timedelta(days=2)), lead
    )
    decide(speaker_request, lead)
    client = login(lead)
    page = client.get(reverse("speakers:evaluate", args=[speaker_request.pk])).content.decode()
    assert "The event has not happened yet" in page
    data = {"went_as_agreed": "yes", "notes": "", "invite_again": "yes"}
    client.post(reverse("speakers:evaluate", args=[speaker_request.pk]), data)
    assert not Evaluation.objects.filter(request=speaker_request).exists()


def test_it_refuses_a_second_evaluation(login, school, staff, lead):
    speaker_request = complete_checks(
        make_request(school, staff, starts_at=timezone.now() - datetime.timedelta(days=2)), lead
    )
    decide(speaker_request, lead)
    client = login(lead)
    url = reverse("speakers:evaluate", args=[speaker_request.pk])
    client.post(url, {"went_as_agreed": "yes", "notes": "Fine.", "invite_again": "yes"})
    page = client.get(url).content.decode()
    assert "This event has already been evaluated" in page
    client.post(url, {"went_as_agreed": "no", "notes": "Second go.", "invite_again": "no"})
    assert Evaluation.objects.get(request=speaker_request).notes == "Fine."


def test_the_service_refuses_what_the_page_refuses(school, staff, lead):
    from django.core.exceptions import ValidationError

    from speakers.services import evaluation_record

    early = make_request(school, staff)
    with pytest.raises(ValidationError, match="Only an approved event can be evaluated"):
        evaluation_record(speaker_request=early, by=lead, went_as_agreed=True, notes="", invite_again="yes")
    future = complete_checks(make_request(school, staff, starts_at=timezone.now() + datetime.timedelta(days=2)), lead)
    decide(future, lead)
    with pytest.raises(ValidationError, match="The event has not happened yet"):
        evaluation_record(speaker_request=future, by=lead, went_as_agreed=True, notes="", invite_again="yes")
