"""Emails of notifications: each at once, or a weekly digest. The one place they are sent.

``notification_emails_send(notification_ids)`` takes ids only, so that it can run after the
commit (as now), from a command, or as a background task, unchanged. Every email it sends goes
on one SMTP connection. Nothing is lost when the mail server fails: the notification is on the
person's home page already, and its email stays pending for the next run (the daily scan retries
every pending email), however long the server is down; only an address the server refuses
``MAX_ATTEMPTS`` times is given up.
"""

import datetime
import logging
import uuid

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from accounts.invitations import site_base_url
from core.emails import build_templated_email, send_each

from .models import Digest, EmailState, Kind, Notification
from .selectors import pending_email_ids

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
# A claim older than this is a sender that died mid-way: its emails are pending again.
CLAIM_STALE = datetime.timedelta(minutes=15)
BATCH = 500

# Kinds whose email says only that something needs the person, never what: a referral case's
# details stay behind the sign-in (referrals.disclosure).
UNSAID_IN_EMAIL = {Kind.CASE_ACTION_DUE: "A case action is due — sign in to see it."}

SUBJECTS = {
    Kind.SPEAKER_REQUEST: "A new speaker request",
    Kind.SPEAKER_DECISION: "A decision on your speaker request",
    Kind.GOVERNOR_QUESTION: "A governor's question",
    Kind.CASE_ACTION_DUE: "A case action is due",
    Kind.TRAINING_LAPSING: "Your training lapses soon",
}


def emailed_text(notification):
    """What an email says of a notification: its text, or only that something is due."""
    return UNSAID_IN_EMAIL.get(notification.kind, notification.text)


def _absolute(link):
    return site_base_url() + (link or reverse("notifications:list"))


def _message(notification):
    return build_templated_email(
        "notifications/email/notification",
        to=[notification.recipient.email],
        context={
            "user": notification.recipient,
            "school": notification.school,
            "subject_line": SUBJECTS[notification.kind],
            "text": emailed_text(notification),
            "link": _absolute(None if notification.kind in UNSAID_IN_EMAIL else notification.link),
            "settings_link": _absolute(reverse("notifications:settings")),
        },
    )


def notification_emails_send(notification_ids):
    """Email each of ``notification_ids`` still waiting to go at once, on one connection; returns how many went.

    Safe to call twice, or from two processes: each email is claimed before it is sent, and a
    claimed or sent one is skipped. Call it outside any transaction (after the commit).
    """
    ids = list(notification_ids)
    if not ids:
        return 0
    claim, now = uuid.uuid4(), timezone.now()
    Notification.objects.filter(pk__in=ids, email_state=EmailState.PENDING).filter(
        Q(email_claim__isnull=True) | Q(email_claimed_at__lt=now - CLAIM_STALE)
    ).update(email_claim=claim, email_claimed_at=now)
    claimed = list(Notification.objects.filter(email_claim=claim).select_related("recipient", "school"))
    if not claimed:
        return 0
    inactive = [n.pk for n in claimed if not n.recipient.is_active]
    if inactive:
        Notification.objects.filter(pk__in=inactive).update(email_state=EmailState.OFF, email_claim=None)
    sent, unsent, problem = send_each([(n.pk, _message(n)) for n in claimed if n.recipient.is_active])
    Notification.objects.filter(pk__in=sent).update(email_state=EmailState.SENT, emailed_at=timezone.now())
    if unsent:
        failed = Notification.objects.filter(pk__in=unsent)
        if problem:  # the server was down or stopped answering: not these emails' fault, try them all again
            failed.update(email_claim=None, email_claimed_at=None)
        else:  # the server refused these recipients: after a few tries, stop
            failed.update(email_claim=None, email_claimed_at=None, email_attempts=F("email_attempts") + 1)
            failed.filter(email_attempts__gte=MAX_ATTEMPTS).update(email_state=EmailState.FAILED)
        logger.warning("Notification emails: %s sent, %s not sent (%s)", len(sent), len(unsent), problem or "refused")
    return len(sent)


def notification_emails_retry():
    """Send every email still pending (new ones, and those an earlier run could not send), in batches."""
    ids = pending_email_ids()
    return sum(notification_emails_send(ids[start : start + BATCH]) for start in range(0, len(ids), BATCH))


def week_starting(day):
    """The Monday of ``day``'s week."""
    return day - datetime.timedelta(days=day.weekday())


def notification_digests_send(*, today=None):
    """Send each person with notifications waiting for the digest one email listing them.

    Once per person per week: the digest's row, committed before the mail goes (and removed when
    the mail could not be sent, so that the next run tries again), makes a second run in the same
    week send nothing more. Returns (sent, not sent).
    """
    today = today or timezone.localdate()
    week = week_starting(today)
    waiting = Notification.objects.filter(email_state=EmailState.DIGEST).select_related("recipient", "school")
    by_person = {}
    for notification in waiting.order_by("recipient_id", "-created_at", "-pk"):
        by_person.setdefault(notification.recipient, []).append(notification)
    claimed = []
    for person, notifications in by_person.items():
        if not person.is_active:
            continue
        try:
            with transaction.atomic():
                digest = Digest.objects.create(recipient=person, week_starting=week)
        except IntegrityError:
            continue  # this week's digest has gone to this person already
        claimed.append((person, notifications, digest))
    messages = [
        (
            person.pk,
            build_templated_email(
                "notifications/email/digest",
                to=[person.email],
                context={
                    "user": person,
                    "week": week,
                    "items": [(n, emailed_text(n)) for n in notifications],
                    "link": _absolute(reverse("notifications:list")),
                    "settings_link": _absolute(reverse("notifications:settings")),
                },
            ),
        )
        for person, notifications, _ in claimed
    ]
    sent, unsent, problem = send_each(messages)
    sent_ids = set(sent)
    done = [n.pk for person, notifications, _ in claimed if person.pk in sent_ids for n in notifications]
    Notification.objects.filter(pk__in=done, email_state=EmailState.DIGEST).update(
        email_state=EmailState.SENT, emailed_at=timezone.now()
    )
    if unsent:
        Digest.objects.filter(pk__in=[d.pk for person, _, d in claimed if person.pk not in sent_ids]).delete()
        logger.warning("Notification digests: %s sent, %s not sent (%s)", len(sent), len(unsent), problem or "refused")
    return len(sent), len(unsent)
