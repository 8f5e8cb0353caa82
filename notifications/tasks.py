"""Notification emails as a background task: ``notify`` queues one after the commit for the
emails it made to go at once; the daily scan retries any still pending (notifications.delivery)."""

from django_tasks import task

from .delivery import notification_emails_send


@task()
def send_notification_emails(notification_ids):
    """Email each of ``notification_ids`` still waiting, on one connection (safe to run twice)."""
    return {"sent": notification_emails_send(notification_ids)}
