"""The decision letter as a PDF: its text, and that it fetches nothing from outside."""

import io

import pytest
from django.conf import settings
from django.urls import reverse
from pypdf import PdfReader

from core.pdf import allowed_url

from .factories import complete_checks, decide, make_request

pytestmark = pytest.mark.django_db


def _text(response):
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(response.content)).pages)


def test_it_writes_the_decision_and_its_conditions_in_the_letter(login, school, staff, lead):
    speaker_request = complete_checks(make_request(school, staff, event_title="Careers in the armed forces"), lead)
    decision = decide(
        speaker_request,
        lead,
        outcome="approve_conditions",
        conditions=["staff_present", "no_recording"],
        other_conditions="Questions from pupils taken through the teacher.",
        justification="References from two schools were positive.",
    )
    response = login(staff).get(reverse("speakers:decision-record", args=[speaker_request.pk, decision.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = _text(response)
    for expected in (
        school.name,
        "Careers in the armed forces",
        "Approve with conditions",
        "A member of staff present throughout",
        "No recording",
        "Questions from pupils taken through the teacher.",
        "References from two schools were positive.",
        f"Decided by {lead.full_name}",
        speaker_request.speaker_names,
    ):
        assert expected in text, expected
    assert "nadia.contact@forum.example" not in text


def test_it_explains_a_superseding_decision_in_the_letter(login, school, staff, lead):
    speaker_request = complete_checks(make_request(school, staff), lead)
    first = decide(speaker_request, lead, outcome="approve")
    second = decide(
        speaker_request,
        lead,
        outcome="decline",
        supersedes_id=first.pk,
        justification="Declined after new posts.",
        reason_for_change="The speaker posted support for a banned group.",
    )
    text = _text(login(lead).get(reverse("speakers:decision-record", args=[speaker_request.pk, second.pk])))
    assert "Decline" in text
    assert "supersedes the decision" in text
    assert "The speaker posted support for a banned group." in text


def test_it_is_a_404_for_a_decision_of_another_request(login, school, staff, lead):
    one, two = make_request(school, staff), make_request(school, staff)
    decision = decide(one, lead, outcome="decline")
    assert login(lead).get(reverse("speakers:decision-record", args=[two.pk, decision.pk])).status_code == 404


def test_it_fetches_only_static_files_and_data_uris():
    static = settings.STATICFILES_DIRS[0]
    assert allowed_url("data:image/png;base64,iVBORw0KGgo=")
    assert allowed_url(f"file://{static}/css/app.css")
    assert not allowed_url(f"file://{static}/../manage.py")
    assert not allowed_url("file:///etc/passwd")
    assert not allowed_url("http://169.254.169.254/latest/meta-data/")
    assert not allowed_url("https://example.com/logo.png")
    assert not allowed_url("file://evil.example/etc/passwd")


def test_it_does_not_fetch_an_image_named_in_the_text(login, school, staff, lead, monkeypatch):
    fetched = []
    from weasyprint.urls import URLFetcher

    original = URLFetcher.fetch

    def spy(self, url, headers=None):
        fetched.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(URLFetcher, "fetch", spy)
    speaker_request = make_request(school, staff, speaker_names='<img src="http://attacker.example/x.png">')
    decision = decide(speaker_request, lead, outcome="decline")
    response = login(lead).get(reverse("speakers:decision-record", args=[speaker_request.pk, decision.pk]))
    assert response.status_code == 200
    assert not any("attacker" in url for url in fetched)
