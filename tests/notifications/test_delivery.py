"""Emails of notifications through a real SMTP server: one connection per batch; a server that
fails loses nothing (the home page has it, the next run sends it); the weekly digest once a week."""

import datetime
import smtplib

import time_machine
from django.core import mail
from django.utils import timezone

from notifications.delivery import (
    MAX_ATTEMPTS,
    notification_digests_send,
    notification_emails_retry,
    notification_emails_send,
)
from notifications.models import Digest, EmailState, Frequency, Kind, Notification, NotificationSettings
from notifications.services import notify

SITE = "https://prevent.example.org"


def _notify(school, people, text="New request from Sam Staff", **kwargs):
    return notify(school=school, recipients=people, kind=Kind.SPEAKER_REQUEST, text=text, link="/speakers/1/", **kwargs)


def test_a_batch_goes_on_one_smtp_connection_as_text_and_html(smtp_inbox, settings, school, lead, head, staff):
    settings.SITE_URL = SITE
    made = _notify(school, [lead, head, staff], email_now=False)
    assert notification_emails_send([n.pk for n in made]) == 3
    assert len(smtp_inbox.messages) == 3
    assert smtp_inbox.connections == 1
    message = smtp_inbox.messages[0]
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    assert "New request from Sam Staff" in text and f"{SITE}/speakers/1/" in text
    assert f'href="{SITE}/notifications/settings/"' in html
    assert message["Subject"] == "A new speaker request at Ken Stimpson Community School"
    # Sent once: a second call (a retried task) sends nothing.
    assert notification_emails_send([n.pk for n in made]) == 0
    assert len(smtp_inbox.messages) == 3


def test_after_the_commit_a_request_sends_on_one_connection(
    smtp_inbox, school, lead, head, staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _notify(school, [lead, head, staff])
    assert len(smtp_inbox.messages) == 3 and smtp_inbox.connections == 1


def test_a_mail_server_that_is_down_loses_nothing(settings, school, lead, head, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2  # nothing listens
    with django_capture_on_commit_callbacks(execute=True):
        made = _notify(school, [lead, head])  # the change is saved; the failure is not an error
    assert Notification.objects.filter(email_state=EmailState.PENDING, email_claim__isnull=True).count() == 2
    assert Notification.objects.filter(recipient=lead, read_at__isnull=True).exists()  # on the home page
    # However long the server stays down, nothing is given up.
    for _ in range(MAX_ATTEMPTS + 1):
        assert notification_emails_retry() == 0
    assert Notification.objects.filter(email_state=EmailState.PENDING).count() == 2
    # The next run, with the server back, sends them.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert notification_emails_retry() == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted([lead.email, head.email])
    assert all(n.email_state == EmailState.SENT for n in Notification.objects.filter(pk__in=[n.pk for n in made]))


def test_an_email_refused_again_and_again_stops_being_tried(school, lead, monkeypatch):
    [made] = _notify(school, [lead], email_now=False)

    def refuse(self, messages):
        raise smtplib.SMTPRecipientsRefused({lead.email: (550, b"No such mailbox")})

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
    for _ in range(MAX_ATTEMPTS):
        notification_emails_retry()
    made.refresh_from_db()
    assert made.email_state == EmailState.FAILED and made.email_attempts == MAX_ATTEMPTS
    assert notification_emails_retry() == 0


def test_an_email_claimed_by_another_sender_is_not_sent_twice(school, lead):
    [made] = _notify(school, [lead], email_now=False)
    Notification.objects.filter(pk=made.pk).update(email_claim="8f5e1f4e-3b1a-4a8e-9a57-0c7d2a1b9e10")
    Notification.objects.filter(pk=made.pk).update(email_claimed_at=timezone.now())
    assert notification_emails_send([made.pk]) == 0
    # A claim left by a sender that died is taken over later.
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=20)):
        assert notification_emails_send([made.pk]) == 1


def test_settings_turn_a_kind_off_or_into_the_weekly_digest(school, lead, staff, django_capture_on_commit_callbacks):
    NotificationSettings.objects.create(user=lead, frequency=Frequency.WEEKLY)
    NotificationSettings.objects.create(user=staff, emails_off=[Kind.SPEAKER_REQUEST])
    with django_capture_on_commit_callbacks(execute=True):
        _notify(school, [lead, staff])
    assert mail.outbox == []
    states = dict(Notification.objects.values_list("recipient__email", "email_state"))
    assert states == {lead.email: EmailState.DIGEST, staff.email: EmailState.OFF}


def test_the_weekly_digest_goes_once_a_week_on_one_connection(smtp_inbox, school, lead, head, staff):
    for person in (lead, head):
        NotificationSettings.objects.create(user=person, frequency=Frequency.WEEKLY)
    _notify(school, [lead, head], text="New request from Sam Staff: “Faith panel”")
    _notify(school, [lead], text="New request from Sam Staff: “Careers talk”")
    _notify(school, [staff])  # at once: not in any digest
    smtp_inbox.clear()
    assert notification_digests_send() == (2, 0)
    assert smtp_inbox.connections == 1
    by_to = {m["To"]: m for m in smtp_inbox.messages}
    text = by_to[lead.email].get_body(preferencelist=("plain",)).get_content()
    assert "“Faith panel”" in text and "“Careers talk”" in text
    assert "2 notifications" in by_to[lead.email]["Subject"]
    # Idempotent: the same week sends nothing more, even with something new waiting.
    _notify(school, [lead], text="Another")
    assert notification_digests_send() == (0, 0)
    assert len(smtp_inbox.messages) == 2
    # Next week it goes.
    with time_machine.travel(timezone.now() + datetime.timedelta(days=7)):
        assert notification_digests_send() == (1, 0)


def test_a_digest_that_could_not_be_sent_goes_with_the_next_run(settings, school, lead):
    NotificationSettings.objects.create(user=lead, frequency=Frequency.WEEKLY)
    _notify(school, [lead])
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    assert notification_digests_send() == (0, 1)
    assert not Digest.objects.exists()
    assert Notification.objects.get().email_state == EmailState.DIGEST
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert notification_digests_send() == (1, 0)
    assert Notification.objects.get().email_state == EmailState.SENT


def test_the_digest_command(school, lead):
    from django.core.management import call_command

    NotificationSettings.objects.create(user=lead, frequency=Frequency.WEEKLY)
    _notify(school, [lead])
    call_command("notifications_send_digest", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("notifications_send_digest", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == 1


def test_the_plain_text_part_is_not_html_escaped(school, lead):
    school.name = "St Mary's School"
    school.save()
    [made] = _notify(school, [lead], text="New request: “'The truth about immigration': debate”", email_now=False)
    notification_emails_send([made.pk])
    [message] = mail.outbox
    assert "St Mary's School" in message.subject
    assert "'The truth about immigration'" in message.body and "&#x27;" not in message.body
    assert "&#x27;The truth" in message.alternatives[0][0]  # the HTML part is escaped


def test_the_emails_go_by_a_task_and_a_queue_that_does_not_answer_loses_nothing(
    school, lead, head, monkeypatch, django_capture_on_commit_callbacks
):
    from django_tasks.base import Task

    def queue_down(self, *args, **kwargs):
        raise ConnectionError("the queue did not answer")

    monkeypatch.setattr(Task, "enqueue", queue_down)
    with django_capture_on_commit_callbacks(execute=True):
        made = _notify(school, [lead, head])  # saved; the failure is logged, not an error page
    assert mail.outbox == []
    assert Notification.objects.filter(pk__in=[n.pk for n in made], email_state=EmailState.PENDING).count() == 2
    monkeypatch.undo()
    assert notification_emails_retry() == 2  # the daily scan sends what is still pending
    assert sorted(m.to[0] for m in mail.outbox) == sorted([lead.email, head.email])
