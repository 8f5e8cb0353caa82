"""Every message the app sends (invitation, both reminders, password reset) goes through Django's
SMTP backend to a real SMTP server on a local port, and arrives as a mail client reads it:
headers, a plain-text and an HTML part, and links that are absolute on the configured SITE_URL."""

import re
import threading

import pytest
from django.urls import reverse

from accounts.models import Role
from accounts.services import member_add
from training.services.courses import training_reminders_send
from training.services.documents import acknowledgement_reminders_send

from ..training.factories_courses import CourseFactory
from ..training.factories_documents import document

SITE = "https://prevent.example.org"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE
    settings.DEFAULT_FROM_EMAIL = "Prevent Duty Tracker <noreply@prevent.example.org>"


def parts(message):
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    return text, html


def assert_well_formed(message, to, subject_has, external=()):
    assert message["From"] == "Prevent Duty Tracker <noreply@prevent.example.org>"
    assert message["To"] == to
    assert subject_has in message["Subject"]
    assert message["Date"] and message["Message-ID"].startswith("<") and message["Message-ID"].endswith(">")
    assert message.get_content_type() == "multipart/alternative"
    text, html = parts(message)
    links = re.findall(r"https?://[^\s\"<>)]+", text) + re.findall(r'href="([^"]+)"', html)
    assert links, "the message has no link"
    for link in links:
        # Every link is absolute; the app's own are on SITE_URL (a course's own page may be elsewhere).
        assert link.startswith(f"{SITE}/") or link in external, link
    return text, html


def test_the_invitation(smtp_inbox, school, lead, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        member_add(school=school, by=lead, email="nia@school.example", full_name="Nia New", roles=[Role.STAFF])
    [message] = smtp_inbox.messages
    text, html = assert_well_formed(message, "nia@school.example", school.name)
    assert f"{SITE}/accounts/invitation/" in text
    assert "Choose your password" in html


def test_the_document_reminder_with_a_fresh_invitation_link(
    smtp_inbox, school, lead, staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        member_add(school=school, by=lead, email="nia@school.example", full_name="Nia New", roles=[Role.STAFF])
    smtp_inbox.clear()
    document(school, lead)
    acknowledgement_reminders_send(school=school, base_url="http://wrong-host.example")
    by_to = {m["To"]: m for m in smtp_inbox.messages}
    text, _ = assert_well_formed(by_to["nia@school.example"], "nia@school.example", "")
    assert f"{SITE}/accounts/invitation/" in text and f"{SITE}/documents/" in text
    text, _ = assert_well_formed(by_to[staff.email], staff.email, "")
    assert "/accounts/invitation/" not in text


def test_the_training_reminder(smtp_inbox, school, staff):
    course = CourseFactory(school=school, required_roles=[Role.STAFF.value])
    training_reminders_send(school=school)
    [message] = smtp_inbox.messages
    text, _ = assert_well_formed(message, staff.email, "Training to record", external=[course.link])
    assert f"{SITE}/training/" in text


def test_the_password_reset(smtp_inbox, client, staff):
    client.post(reverse("password_reset"), {"email": staff.email}, HTTP_HOST="localhost")
    for thread in threading.enumerate():  # the email is sent in the background
        if thread.name.startswith("password-reset-mail"):
            thread.join(timeout=10)
    [message] = smtp_inbox.messages
    text, html = assert_well_formed(message, staff.email, "Reset your Prevent Duty Tracker password")
    assert f"{SITE}/accounts/reset/" in text and f"{SITE}/accounts/reset/" in html
