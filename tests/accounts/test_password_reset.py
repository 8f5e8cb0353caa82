"""Asking for a password reset: the same answer, as fast, whether or not the address has an
account; the email is sent away from the request; a few a time per address and per client.

Issue 14 (Low): the email was sent inside the request for an existing account only, so the
response time said whether the address had an account; and nothing limited how many emails
anyone could make the site send.
"""

import threading
import time

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

pytestmark = pytest.mark.django_db
RESET = reverse("password_reset")
DONE = reverse("password_reset_done")
SLOW_SMTP_SECONDS = 3
gate = threading.Event()


class SlowBackend(EmailBackend):
    """A mail server that takes SLOW_SMTP_SECONDS to answer, unless the test opens the gate."""

    def send_messages(self, messages):
        gate.wait(SLOW_SMTP_SECONDS)
        for message in messages:
            message.extra_headers["X-Sent-By-Thread"] = str(threading.get_ident())
        return super().send_messages(messages)


def _wait_for_mail():
    for thread in threading.enumerate():
        if thread.name.startswith("password-reset-mail"):
            thread.join(10)


def _ask(client, email, ip="203.0.113.7"):
    started = time.monotonic()
    response = client.post(RESET, {"email": email}, REMOTE_ADDR=ip)
    return response, time.monotonic() - started


@pytest.fixture
def slow_smtp():
    gate.clear()
    with override_settings(EMAIL_BACKEND="tests.accounts.test_password_reset.SlowBackend"):
        yield gate
    gate.set()
    _wait_for_mail()


def test_password_reset_answers_before_the_email_is_sent(client, staff, slow_smtp):
    response, took = _ask(client, staff.email)
    assert response.status_code == 302 and response["Location"] == DONE
    assert took < SLOW_SMTP_SECONDS / 2
    assert mail.outbox == []
    slow_smtp.set()
    _wait_for_mail()
    assert [m.to for m in mail.outbox] == [[staff.email]]
    assert mail.outbox[0].extra_headers["X-Sent-By-Thread"] != str(threading.get_ident())
    assert "/accounts/reset/" in mail.outbox[0].body


def test_password_reset_takes_the_same_path_for_known_and_unknown_addresses(client, staff, slow_smtp):
    answers = []
    for email in [staff.email, "nobody@school.example"]:
        with CaptureQueriesContext(connection) as queries:
            response, took = _ask(client, email)
        answers.append((response.status_code, response["Location"], len(queries.captured_queries), took < 1))
    assert answers[0] == answers[1] == (302, DONE, answers[0][2], True)
    slow_smtp.set()
    _wait_for_mail()
    assert [m.to for m in mail.outbox] == [[staff.email]]


@override_settings(PASSWORD_RESET_PER_ADDRESS_PER_HOUR=3)
def test_password_reset_is_throttled_per_address(client, staff):
    for n in range(5):
        response, _ = _ask(client, staff.email, ip=f"198.51.100.{n + 1}")
        assert response.status_code == 302 and response["Location"] == DONE
    _wait_for_mail()
    assert len(mail.outbox) == 3


@override_settings(PASSWORD_RESET_PER_CLIENT_PER_HOUR=4)
def test_password_reset_is_throttled_per_client(client, staff):
    for n in range(4):
        _ask(client, f"nobody{n}@school.example")
    response, _ = _ask(client, staff.email)
    assert response.status_code == 302 and response["Location"] == DONE
    _wait_for_mail()
    assert mail.outbox == []
    # Someone else, elsewhere, still gets their email.
    _ask(client, staff.email, ip="198.51.100.9")
    _wait_for_mail()
    assert len(mail.outbox) == 1


@override_settings(PASSWORD_RESET_PER_ADDRESS_PER_HOUR=2)
def test_password_reset_counts_spellings_of_an_address_as_one(client, staff):
    for spelling in ["sam@school.example", "SAM@school.example", "Sam@School.example"]:
        _ask(client, spelling)
    _wait_for_mail()
    assert len(mail.outbox) == 2


@override_settings(SITE_URL="https://prevent.example.org")
def test_password_reset_link_is_on_the_configured_site_address(client, staff):
    _ask(client, staff.email)
    _wait_for_mail()
    assert "https://prevent.example.org/accounts/reset/" in mail.outbox[0].body
