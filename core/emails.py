"""Emails as templates: every message is a subject, a plain-text body and an HTML body.

``send_templated_email("training/email/acknowledgement_reminder", to=[...], context={...})``
renders ``<name>_subject.txt``, ``<name>_body.txt`` and ``<name>_body.html`` (the HTML part is
optional) and sends them with Django's email backend.

Mail is never sent inside a database transaction: a mail server that does not answer would hold
the transaction (and its locks) for as long. Batches (reminders) record what they are about to
send and commit first, then ``send_each`` sends in batches of ``EMAIL_BATCH_SIZE``, each on one
connection, within ``EMAIL_TIMEOUT`` per step, stopping at the first sign that the server is
down; the caller releases what was not sent. Reminders run in background tasks
(training/tasks.py), never in a request.
"""

import contextlib
import smtplib
import time

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string


def render_email(name, context):
    """(subject, text, html or None) rendered from the templates named ``name``."""
    subject = " ".join(render_to_string(f"{name}_subject.txt", context).split())
    text = render_to_string(f"{name}_body.txt", context)
    try:
        # The HTML part is a whole document: its <title> is the subject (templates/email/base.html).
        html = render_to_string(f"{name}_body.html", {**context, "subject": subject})
    except TemplateDoesNotExist:
        html = None
    return subject, text, html


def build_templated_email(name, *, to, context, from_email=None):
    """The message rendered from the email templates ``name``, ready to send (e.g. in a batch)."""
    subject, text, html = render_email(name, context)
    message = EmailMultiAlternatives(subject, text, from_email or settings.DEFAULT_FROM_EMAIL, to)
    if html:
        message.attach_alternative(html, "text/html")
    return message


def send_templated_email(name, *, to, context, from_email=None):
    """Render the email templates ``name`` with ``context`` and send them to ``to`` (a list)."""
    message = build_templated_email(name, to=to, context=context, from_email=from_email)
    message.send()
    return message


class MailNotSent(Exception):
    """The mail server failed or did not answer in time: ``sent`` went, ``not_sent`` did not."""

    def __init__(self, *, sent, not_sent, reason):
        super().__init__(f"{sent} sent, {not_sent} not sent: {reason}")
        self.sent, self.not_sent, self.reason = sent, not_sent, reason


def send_each(messages, *, deadline=None, progress=None):
    """Send ``messages`` ([(key, message)]); returns (sent keys, unsent keys, problem).

    In batches of ``EMAIL_BATCH_SIZE``, each on one SMTP connection. A recipient the server
    refuses is skipped; a connection that fails or times out (``EMAIL_TIMEOUT``), or ``deadline``
    (a ``time.monotonic()`` value) passing, stops the whole run, and ``problem`` says why.
    ``progress(sent_so_far)`` is called after each batch. Call it outside any transaction.
    """
    sent, problem = [], None
    size = max(1, settings.EMAIL_BATCH_SIZE)
    for start in range(0, len(messages), size):
        problem = _send_batch(messages[start : start + size], sent, deadline)
        if progress is not None:
            progress(len(sent))
        if problem:
            break
    sent_keys = set(sent)
    return sent, [key for key, _ in messages if key not in sent_keys], problem


def _send_batch(batch, sent, deadline):
    """Send ``batch`` on one connection, appending each sent key to ``sent``; the problem or None."""
    connection = get_connection()
    try:
        connection.open()
    except OSError as error:  # smtplib's errors and socket timeouts are all OSErrors
        return f"the mail server could not be reached ({error or 'timed out'})"
    try:
        for key, message in batch:
            if deadline is not None and time.monotonic() > deadline:
                return "it was taking too long; the rest go with the next reminder run"
            try:
                connection.send_messages([message])
            except smtplib.SMTPRecipientsRefused:
                continue
            except OSError as error:
                return f"the mail server stopped answering ({error or 'timed out'})"
            sent.append(key)
    finally:
        with contextlib.suppress(OSError):  # the connection is already gone
            connection.close()
    return None
