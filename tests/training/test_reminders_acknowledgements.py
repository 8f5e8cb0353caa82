"""Reminders to people with documents outstanding: at most one email a day each."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse

from training.models import AcknowledgementReminder
from training.services.documents import acknowledgement_reminders_send

from ..background.jobs import start_job
from .factories_documents import confirm, document

pytestmark = pytest.mark.django_db


def test_it_emails_each_outstanding_person_once_a_day(mailoutbox, school, lead, staff, dsl, head):
    doc = document(school, lead)
    confirm(staff, doc)
    assert acknowledgement_reminders_send(school=school) == 3  # lead, dsl, head
    assert sorted(m.to[0] for m in mailoutbox) == sorted([lead.email, dsl.email, head.email])
    message = mailoutbox[0]
    assert "Keeping children safe in education (2025)" in message.body
    assert message.alternatives and "text/html" in message.alternatives[0][1]
    # A whole HTML document, titled with the subject (mail readers and screen readers show it).
    assert "<head>" in message.alternatives[0][0] and f"<title>{message.subject}</title>" in message.alternatives[0][0]
    assert acknowledgement_reminders_send(school=school) == 0
    assert len(mailoutbox) == 3
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    assert acknowledgement_reminders_send(school=school, today=tomorrow) == 3


def test_the_command_is_idempotent(mailoutbox, school, lead, staff):
    document(school, lead)
    call_command("send_acknowledgement_reminders")
    first = len(mailoutbox)
    assert first == 2
    call_command("send_acknowledgement_reminders")
    assert len(mailoutbox) == first
    assert AcknowledgementReminder.objects.count() == 2


def test_nobody_is_reminded_when_all_have_confirmed(mailoutbox, school, lead, staff):
    doc = document(school, lead)
    confirm(staff, doc)
    confirm(lead, doc)
    assert acknowledgement_reminders_send(school=school) == 0
    assert mailoutbox == []


def test_the_remind_button_sends_from_a_task_and_its_page_says_so(login, mailoutbox, school, lead, staff):
    document(school, lead)
    client = login(lead)
    job = start_job(client, reverse("training:document-remind"))
    assert (job.done, job.total) == (2, 2)
    assert "Reminder emails sent to 2 people." in client.get(job.get_absolute_url()).content.decode()
    assert "/documents/" in mailoutbox[0].body
    job = start_job(client, reverse("training:document-remind"))
    assert "Nobody needed a reminder" in client.get(job.get_absolute_url()).content.decode()
    assert len(mailoutbox) == 2


def test_staff_cannot_send_reminders(login, mailoutbox, school, lead, staff):
    document(school, lead)
    assert login(staff).post(reverse("training:document-remind")).status_code == 403
    assert mailoutbox == []
