"""Making notifications, marking them read, and a person's email settings.

``notify`` is the one way a notification is made: the apps call it from their own use cases
(inside their transaction), and emails go only after the commit, by a background task
(``tasks.send_notification_emails``, which sends through ``delivery``).
"""

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import EmailState, Frequency, Kind, Notification, NotificationSettings

TEXT_MAX = Notification._meta.get_field("text").max_length


def _email_states(recipients, kind):
    """{user id: the email state a new notification of ``kind`` starts in} (one query)."""
    chosen = {s.user_id: s for s in NotificationSettings.objects.filter(user__in=[r.pk for r in recipients])}
    states = {}
    for person in recipients:
        settings = chosen.get(person.pk)
        if settings is not None and not settings.emails(kind):
            states[person.pk] = EmailState.OFF
        elif settings is not None and settings.frequency == Frequency.WEEKLY:
            states[person.pk] = EmailState.DIGEST
        else:
            states[person.pk] = EmailState.PENDING
    return states


def notify(*, school, recipients, kind, text, link="", key="", email_now=True):
    """Tell each of ``recipients`` (active people) about something in ``school``; returns the new notifications.

    With a ``key``, a person already told about that key is not told again. Emails to send at
    once go after the commit, by a background task, on one connection (``email_now=False``: the
    caller sends them, as the daily scan does for all it made).
    """
    kind = Kind(kind)
    people = list({p.pk: p for p in recipients if p is not None and p.is_active}.values())
    if not people:
        return []
    text = text if len(text) <= TEXT_MAX else text[: TEXT_MAX - 1] + "…"
    made = []
    with transaction.atomic():
        if key:
            told = set(
                Notification.objects.filter(school=school, key=key, recipient__in=[p.pk for p in people]).values_list(
                    "recipient_id", flat=True
                )
            )
            people = [p for p in people if p.pk not in told]
        states = _email_states(people, kind)
        for person in people:
            notification = Notification(
                school=school,
                recipient=person,
                kind=kind,
                text=text,
                link=link,
                key=key,
                email_state=states[person.pk],
            )
            try:
                with transaction.atomic():
                    notification.save()
            except IntegrityError:
                if not key:
                    raise
                continue  # another run told this person about this key just now
            made.append(notification)
        pending = [n.pk for n in made if n.email_state == EmailState.PENDING]
        if pending and email_now:
            from background.jobs import enqueue_on_commit

            from .tasks import send_notification_emails

            # A mail server or queue that fails never turns the saved change into an error page:
            # the emails stay pending and the daily scan sends them (delivery.notification_emails_retry).
            enqueue_on_commit(send_notification_emails, notification_ids=pending)
    return made


def notifications_mark_read(*, school, recipient, ids=None):
    """Mark the person's notifications in ``school`` read (those of ``ids``, or all); returns how many."""
    unread = Notification.objects.filter(school=school, recipient=recipient, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    return unread.update(read_at=timezone.now())


def notification_settings_save(*, user, emails_off, frequency):
    """Save the person's choice of emails: the kinds they do not want, and how often."""
    settings, _ = NotificationSettings.objects.get_or_create(user=user)
    settings.emails_off = sorted({Kind(k).value for k in emails_off})
    settings.frequency = Frequency(frequency)
    settings.full_clean()
    settings.save()
    # Notifications still waiting go the new way: a digest reader's pending ones wait for the digest,
    # and the other way round; kinds turned off are no longer emailed.
    waiting = Notification.objects.filter(recipient=user, email_state__in=[EmailState.PENDING, EmailState.DIGEST])
    waiting.filter(kind__in=settings.emails_off).update(email_state=EmailState.OFF)
    new_state = EmailState.DIGEST if settings.frequency == Frequency.WEEKLY else EmailState.PENDING
    waiting.exclude(kind__in=settings.emails_off).filter(email_claim__isnull=True).update(email_state=new_state)
    return settings
