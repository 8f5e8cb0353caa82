"""The letter to the speaker or hirer: apart from the internal decision record, addressed to them
alone, signed by a named person, reviewed, then recorded as sent; never the reasons."""

import hashlib
import io

import pytest
from django.db import DatabaseError, transaction
from django.urls import reverse
from pypdf import PdfReader

from speakers.models import Letter, SentLetter

from .factories import complete_checks, decide, draft_letter, make_request

pytestmark = pytest.mark.django_db

JUSTIFICATION = (
    "The organisation shares material from a proscribed group and the LA Prevent officer advises against it."
)


def _pdf_text(content):
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages)


def _declined(school, staff, lead, **fields):
    speaker_request = make_request(school, staff, speaker_names="Dan Mercer", organisation="Youth Alliance", **fields)
    decision = decide(speaker_request, lead, outcome="decline", justification=JUSTIFICATION)
    return speaker_request, decision


def _draft_form(client, speaker_request, decision):
    response = client.get(reverse("speakers:letter-edit", args=[speaker_request.pk, decision.pk]))
    form = response.context["form"]
    return {name: form[name].value() or "" for name in form.fields}


def test_it_drafts_reviews_and_sends_a_neutral_letter_to_the_speaker_alone(login, school, staff, lead):
    speaker_request, decision = _declined(school, staff, lead)
    client = login(lead)
    data = _draft_form(client, speaker_request, decision)
    assert data["addressee_name"] == "Dan Mercer"
    assert JUSTIFICATION not in data["body"]
    data.update(signatory_name="Helen Head", signatory_role="Headteacher")
    response = client.post(reverse("speakers:letter-edit", args=[speaker_request.pk, decision.pk]), data, follow=True)
    assert "saved as a draft" in response.content.decode()
    letter = Letter.objects.get()
    assert (letter.state, letter.drafted_by) == (Letter.State.DRAFT, lead)

    detail = reverse("speakers:letter-detail", args=[speaker_request.pk, decision.pk])
    page = client.get(detail).content.decode()
    assert "Dear Dan Mercer" in page and "Helen Head" in page and "Headteacher" in page
    assert JUSTIFICATION not in page and "proscribed" not in page
    assert staff.full_name not in page.split('class="letterhead"')[1]  # the requester is not addressed

    client.post(reverse("speakers:letter-reviewed", args=[speaker_request.pk, decision.pk]))
    letter.refresh_from_db()
    assert (letter.state, letter.reviewed_by) == (Letter.State.REVIEWED, lead)
    client.post(reverse("speakers:letter-sent", args=[speaker_request.pk, decision.pk]), {"sent_how": "post"})
    sent = SentLetter.objects.get()
    assert sent.sha256 == hashlib.sha256(sent.html.encode()).hexdigest()
    assert (sent.sent_by, sent.sent_how) == (lead, "post")
    assert "Dear Dan Mercer" in sent.html and JUSTIFICATION not in sent.html
    assert "proscribed" not in sent.html.lower() and "Prevent officer" not in sent.html
    assert staff.full_name not in sent.html

    pdf = client.get(reverse("speakers:letter-pdf", args=[speaker_request.pk, decision.pk]))
    text = _pdf_text(pdf.content)
    assert "Dear Dan Mercer" in text and "Helen Head" in text and school.name in text
    assert "proscribed" not in text.lower() and "Prevent officer" not in text
    assert staff.full_name not in text and "Draft: not sent" not in text


def test_the_requester_sees_the_internal_record_with_its_justification(login, school, staff, lead):
    speaker_request, decision = _declined(school, staff, lead)
    draft_letter(speaker_request, lead, state="sent")
    page = login(staff).get(reverse("speakers:request-detail", args=[speaker_request.pk])).content.decode()
    assert JUSTIFICATION in page
    assert "internal decision record" in page
    assert "Letter to Dan Mercer: <strong>sent</strong>" in page
    record = login(staff).get(reverse("speakers:decision-record", args=[speaker_request.pk, decision.pk]))
    text = _pdf_text(record.content)
    assert "Internal decision record" in text and "proscribed group" in text


def test_it_refuses_a_letter_that_gives_the_reasons(school, staff, lead):
    from django.core.exceptions import ValidationError

    speaker_request, _ = _declined(school, staff, lead)
    for body in (
        f"We will not go ahead. {JUSTIFICATION}",
        "We will not go ahead: the organisation shares material from a proscribed group.",
        "We will not go ahead on police advice.",
    ):
        with pytest.raises(ValidationError) as refused:
            draft_letter(speaker_request, lead, body=body)
        assert "must not give the reasons" in str(refused.value)
    assert not Letter.objects.exists()


def test_it_keeps_an_event_title_that_names_radicalisation(school, staff, lead):
    speaker_request = complete_checks(
        make_request(school, staff, event_title="Staying safe from online radicalisation"), lead
    )
    letter = draft_letter(speaker_request, lead, outcome="approve")
    assert "radicalisation" in letter.body


def test_it_states_the_conditions_but_not_the_justification(school, staff, lead):
    from speakers.speaker_letters import letter_html

    speaker_request = complete_checks(make_request(school, staff), lead)
    decide(
        speaker_request,
        lead,
        outcome="approve_conditions",
        conditions=["staff_present"],
        justification="References were mixed, so a member of staff stays in the room.",
    )
    letter = draft_letter(speaker_request, lead)
    html = letter_html(letter)
    assert "A member of staff present throughout" in html
    assert "References were mixed" not in html


def test_a_sent_letter_is_never_changed(login, school, staff, lead):
    speaker_request, decision = _declined(school, staff, lead)
    letter = draft_letter(speaker_request, lead, state="sent")
    client = login(lead)
    response = client.post(
        reverse("speakers:letter-edit", args=[speaker_request.pk, decision.pk]),
        {"body": "Changed.", "addressee_name": "X", "signatory_name": "Y", "signatory_role": "Z", "version": 3},
        follow=True,
    )
    assert "can no longer be changed" in response.content.decode()
    letter.refresh_from_db()
    assert "Changed." not in letter.body
    with pytest.raises(DatabaseError), transaction.atomic():
        SentLetter.objects.filter(letter=letter).update(html="forged")


def test_an_edited_letter_needs_review_again(school, staff, lead):
    from speakers.speaker_letters import letter_update

    speaker_request, _ = _declined(school, staff, lead)
    letter = draft_letter(speaker_request, lead, state="reviewed")
    letter_update(letter=letter, by=lead, expected_version=letter.version, body="We will not go ahead with the visit.")
    letter.refresh_from_db()
    assert (letter.state, letter.reviewed_by) == (Letter.State.DRAFT, None)


def test_another_schools_letter_is_a_404(login, school, staff, lead, outsider):
    speaker_request, decision = _declined(school, staff, lead)
    draft_letter(speaker_request, lead)
    client = login(outsider)
    for name in ("speakers:letter-detail", "speakers:letter-edit", "speakers:letter-pdf"):
        assert client.get(reverse(name, args=[speaker_request.pk, decision.pk])).status_code == 404, name


def test_a_letter_is_drafted_for_the_decision_that_stands(login, school, staff, lead):
    speaker_request = complete_checks(make_request(school, staff), lead)
    first = decide(speaker_request, lead, outcome="approve")
    decide(speaker_request, lead, outcome="decline", supersedes_id=first.pk, reason_for_change="New posts found.")
    response = login(lead).get(reverse("speakers:letter-edit", args=[speaker_request.pk, first.pk]), follow=True)
    assert "decision that stands" in response.content.decode()
