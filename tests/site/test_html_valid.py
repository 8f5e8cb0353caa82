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


def test_it_says_why_it_cannot_check_without_java_or_the_checker(monkeypatch, tmp_path):
    monkeypatch.setattr(html_checker.shutil, "which", lambda name: None)
    assert "Java is not installed" in html_checker.why_not_available()
    monkeypatch.setattr(html_checker.shutil, "which", lambda name: "/usr/bin/java")
    monkeypatch.setattr(html_checker, "JAR", html_checker.JAR.parent / "missing" / "vnu.jar")
    assert "run `npm ci --ignore-scripts`" in html_checker.why_not_available()


def test_the_checker_reports_an_error_with_its_page_and_line():
    missing = html_checker.why_not_available()
    if missing:
        pytest.skip(missing)
    findings = html_checker.check(
        {
            "good page": '<!doctype html><html lang="en"><head><title>Good</title></head><body><p>Hi</p></body></html>',
            "bad page": '<!doctype html><html lang="en"><head><title>Bad</title></head><body>\n<p id="a" id="a">'
            "</body></html>",
        }
    )
    assert [(f.name, f.line) for f in findings] == [("bad page", 2)]
    assert "Duplicate attribute" in findings[0].message
