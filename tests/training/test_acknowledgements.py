"""Confirmations recorded on someone's behalf, and withdrawals: new records, never edits."""

import pytest
from django.urls import reverse

from accounts.models import AuditEvent
from training.models import Acknowledgement, AcknowledgementWithdrawal
from training.selectors.documents import outstanding_for_user

from .factories_documents import confirm, document

pytestmark = pytest.mark.django_db


def test_the_lead_records_a_confirmation_on_someones_behalf(login, lead, staff, school):
    doc = document(school, lead)
    response = login(lead).post(
        reverse("training:acknowledgement-on-behalf", args=[doc.pk]),
        {"person": staff.pk, "note": "Read a paper copy at the briefing on 3 September."},
    )
    assert response.status_code == 302
    ack = Acknowledgement.objects.get(user=staff)
    assert ack.on_behalf_by == lead
    assert ack.on_behalf_note == "Read a paper copy at the briefing on 3 September."
    assert ack.statement.startswith("I have read and understood Part one of")
    assert outstanding_for_user(school, staff, {"staff"}) == []
    event = AuditEvent.objects.get(object_type="training.acknowledgement", object_id=str(ack.pk))
    assert event.actor == lead


def test_a_confirmation_on_behalf_needs_a_note(login, lead, staff, school):
    doc = document(school, lead)
    response = login(lead).post(reverse("training:acknowledgement-on-behalf", args=[doc.pk]), {"person": staff.pk})
    assert response.status_code == 200
    assert "How they read it" in response.content.decode()
    assert not Acknowledgement.objects.exists()


def test_only_people_still_outstanding_can_be_recorded(login, lead, staff, dsl, school):
    doc = document(school, lead)
    confirm(staff, doc)
    form = login(lead).get(reverse("training:acknowledgement-on-behalf", args=[doc.pk])).context["form"]
    people = set(form.fields["person"].queryset)
    assert staff not in people
    assert dsl in people


def test_withdrawing_keeps_the_record_and_reopens_the_document(login, lead, staff, school):
    doc = document(school, lead)
    ack = confirm(staff, doc)
    response = login(lead).post(
        reverse("training:acknowledgement-withdraw", args=[ack.pk]), {"reason": "Confirmed by mistake on a shared PC."}
    )
    assert response.status_code == 302
    withdrawal = AcknowledgementWithdrawal.objects.get(acknowledgement=ack)
    assert withdrawal.by == lead and withdrawal.reason == "Confirmed by mistake on a shared PC."
    assert Acknowledgement.objects.filter(pk=ack.pk).exists()
    assert [t.document for t in outstanding_for_user(school, staff, {"staff"})] == [doc]
    assert AuditEvent.objects.filter(object_type="training.acknowledgementwithdrawal").exists()
    # The person can confirm again: a new row, the old one still there and withdrawn.
    again = confirm(staff, doc)
    assert again.pk != ack.pk and again.attempt == 1
    progress = login(lead).get(reverse("training:document-progress", args=[doc.pk])).content.decode()
    assert "Confirmed by mistake on a shared PC." in progress


def test_a_withdrawal_needs_a_reason(login, lead, staff, school):
    doc = document(school, lead)
    ack = confirm(staff, doc)
    response = login(lead).post(reverse("training:acknowledgement-withdraw", args=[ack.pk]), {"reason": ""})
    assert response.status_code == 200
    assert not AcknowledgementWithdrawal.objects.exists()


def test_a_confirmation_cannot_be_withdrawn_twice(lead, staff, school):
    from django.core.exceptions import ValidationError

    from training.services.documents import acknowledgement_withdraw

    ack = confirm(staff, document(school, lead))
    acknowledgement_withdraw(acknowledgement=ack, by=lead, reason="Wrong person")
    with pytest.raises(ValidationError):
        acknowledgement_withdraw(acknowledgement=ack, by=lead, reason="Again")


def test_the_dsl_sees_progress_but_cannot_withdraw(login, dsl, lead, staff, school):
    ack = confirm(staff, document(school, lead))
    client = login(dsl)
    assert client.get(reverse("training:document-progress", args=[ack.version.document_id])).status_code == 200
    assert client.post(reverse("training:acknowledgement-withdraw", args=[ack.pk]), {"reason": "x"}).status_code == 403


def test_staff_cannot_record_for_someone_else(login, staff, dsl, lead, school):
    doc = document(school, lead)
    response = login(staff).post(
        reverse("training:acknowledgement-on-behalf", args=[doc.pk]), {"person": dsl.pk, "note": "n"}
    )
    assert response.status_code == 403
    assert not Acknowledgement.objects.exists()
