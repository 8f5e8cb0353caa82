"""The HTML of every page the crawl reached, and of the reminder emails, is valid: 0 errors
from the Nu Html Checker. Skips, saying why, where Java or vnu.jar is missing."""

import pytest
from django.core import mail
from django.core.management import call_command

from accounts.selectors import schools_and_roles

from . import html_checker
from .test_crawl import PERSONAS

pytestmark = pytest.mark.django_db


def test_every_crawled_page_and_every_email_is_valid_html(demo, crawls, settings):
    missing = html_checker.why_not_available()
    if missing:
        pytest.skip(missing)
    results = [crawls(persona) for persona in ["anonymous", *PERSONAS]]
    results += [crawls("two_schools", school) for school in schools_and_roles(demo["two_schools"])]
    documents = {f"{result.who} {page.url}": page.html for result in results for page in result.html_pages}

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_acknowledgement_reminders", base_url="https://prevent.example.org")
    call_command("send_training_reminders", base_url="https://prevent.example.org")
    emails = {}
    for message in mail.outbox:
        emails.setdefault(f"email {message.subject}", message.alternatives[0][0])
    assert len(emails) >= 2, "the demo should send both kinds of reminder"
    documents.update(emails)

    findings = html_checker.check(documents)
    assert not findings, html_checker.summary(findings, len(documents))
