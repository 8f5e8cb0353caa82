"""Asking for a speaker, changing the request, and who sees it."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from speakers.models import SpeakerRequest, Status
from tests.files import PDF_BYTES

from .factories import decide, make_request

pytestmark = pytest.mark.django_db


def _form(staff, **overrides):
    data = {
        "kind": "speaker",
        "speaker_names": "Imam Yusuf Ali",
        "organisation": "Peterborough Interfaith Forum",
        "contact_name": "Yusuf Ali",
        "contact_email": "yusuf@forum.example",
        "contact_phone": "07700 900456",
        "event_title": "Faith and community: Year 10 RE day",
        "starts_at": (timezone.now() + datetime.timedelta(days=30)).strftime("%Y-%m-%dT%H:%M"),
        "place": "Drama studio",
        "year_groups": "Year 10",
        "expected_size": "60",
        "invited_by": staff.pk,
        "outline": "How the city's faith groups work together; questions from pupils.",
        "biography": "Chair of the forum.",
    }
    data.update(overrides)
    return data


def test_it_lets_staff_ask_for_a_speaker(login, staff, lead):
    response = login(staff).post(reverse("speakers:request-add"), _form(staff), follow=True)
    speaker_request = SpeakerRequest.objects.get()
    assert speaker_request.requested_by == staff
    assert speaker_request.status == Status.AWAITING_CHECKS
    assert "sent to the Prevent Lead" in response.content.decode()
    listing = login(staff).get(reverse("speakers:request-list")).content.decode()
    assert "Faith and community" in listing


def test_it_saves_a_draft_without_an_outline(login, staff):
    response = login(staff).post(reverse("speakers:request-add"), _form(staff, outline=""), follow=True)
    assert SpeakerRequest.objects.get().status == Status.DRAFT
    assert "cannot be decided until it has an outline" in response.content.decode()


def test_it_accepts_a_pdf_outline_and_refuses_a_disguised_file(login, staff):
    client = login(staff)
    fake = SimpleUploadedFile("outline.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = client.post(reverse("speakers:request-add"), _form(staff, outline="", outline_file=fake))
    assert response.status_code == 200
    assert "content is not a .pdf file" in response.content.decode()
    pdf = SimpleUploadedFile("outline.pdf", PDF_BYTES, content_type="application/pdf")
    client.post(reverse("speakers:request-add"), _form(staff, outline="", outline_file=pdf))
    speaker_request = SpeakerRequest.objects.get()
    assert speaker_request.status == Status.AWAITING_CHECKS
    served = client.get(reverse("speakers:outline-file", args=[speaker_request.pk]))
    assert served["Content-Type"] == "application/pdf"


def test_it_shows_the_form_errors(login, staff):
    response = login(staff).post(reverse("speakers:request-add"), _form(staff, event_title="", place=""))
    assert response.status_code == 200
    assert "There are problems with what you entered" in response.content.decode()


def test_it_lets_the_requester_change_the_request_before_a_decision(login, school, staff):
    speaker_request = make_request(school, staff, outline="")
    data = _form(staff, outline="Now with an outline.", version=speaker_request.version)
    login(staff).post(reverse("speakers:request-edit", args=[speaker_request.pk]), data)
    speaker_request.refresh_from_db()
    assert speaker_request.outline == "Now with an outline."
    assert speaker_request.status == Status.AWAITING_CHECKS


def test_it_tells_the_second_editor_someone_saved_first(login, school, staff):
    speaker_request = make_request(school, staff)
    stale = speaker_request.version
    client = login(staff)
    client.post(reverse("speakers:request-edit", args=[speaker_request.pk]), _form(staff, place="Hall", version=stale))
    response = client.post(
        reverse("speakers:request-edit", args=[speaker_request.pk]), _form(staff, place="Library", version=stale)
    )
    assert "Someone else saved a change" in response.content.decode()
    speaker_request.refresh_from_db()
    assert speaker_request.place == "Hall"


def test_it_refuses_changes_after_the_decision(login, school, staff, lead):
    speaker_request = make_request(school, staff)
    decide(speaker_request, lead, outcome="decline")
    data = _form(staff, place="Elsewhere", version=speaker_request.version)
    response = login(staff).post(reverse("speakers:request-edit", args=[speaker_request.pk]), data, follow=True)
    assert "can no longer be changed" in response.content.decode()
    speaker_request.refresh_from_db()
    assert speaker_request.place == "Main hall"


def test_it_shows_staff_their_own_requests_and_outcome_only(login, school, staff, dsl, lead):
    mine = make_request(school, staff, event_title="My careers talk")
    make_request(school, dsl, event_title="Someone else's talk")
    decide(mine, lead, outcome="decline", justification="Too close to the exam season.")
    listing = login(staff).get(reverse("speakers:request-list")).content.decode()
    assert "My careers talk" in listing
    assert "Someone else&#x27;s talk" not in listing and "Someone else's talk" not in listing
    detail = login(staff).get(reverse("speakers:request-detail", args=[mine.pk])).content.decode()
    assert "Too close to the exam season." in detail


def test_it_hides_another_staff_members_request(login, school, staff, dsl):
    theirs = make_request(school, dsl)
    assert login(staff).get(reverse("speakers:request-detail", args=[theirs.pk])).status_code == 404


def test_it_hides_personal_contact_details_from_governors(login, school, staff, governor, lead):
    speaker_request = make_request(school, staff)
    for_governor = login(governor).get(reverse("speakers:request-detail", args=[speaker_request.pk])).content.decode()
    assert speaker_request.speaker_names in for_governor
    for detail in ("nadia.contact@forum.example", "07700 900123", "Nadia Contact"):
        assert detail not in for_governor
    for_lead = login(lead).get(reverse("speakers:request-detail", args=[speaker_request.pk])).content.decode()
    assert "nadia.contact@forum.example" in for_lead


def test_it_is_a_404_for_another_schools_request(login, other_school, outsider, lead):
    theirs = make_request(other_school, outsider)
    assert login(lead).get(reverse("speakers:request-detail", args=[theirs.pk])).status_code == 404


def test_it_shows_the_speakers_earlier_visits(login, school, staff, lead):
    make_request(school, staff, speaker_names="Dr Jo Bloggs", organisation="", event_title="Last year's talk")
    current = make_request(school, staff, speaker_names="dr jo bloggs", organisation="", event_title="This year")
    page = login(lead).get(reverse("speakers:request-detail", args=[current.pk])).content.decode()
    assert "Last year&#x27;s talk" in page
