"""Daily (cron, or a scheduled task): notify what falls due, then send every email still pending.

The scans are the apps' own (``<app>/notices.py``: training about to lapse, referral case actions
due); each makes a notification once, so running the command twice a day tells nobody twice.
Emails an earlier run could not send go with this run.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from notifications.delivery import notification_emails_retry
from notifications.scans import registered_scans


class Command(BaseCommand):
    help = "Notify training about to lapse and case actions falling due; send the emails still pending."

    def handle(self, *args, **options):
        today = timezone.localdate()
        for scan in registered_scans():
            made = scan(today)
            self.stdout.write(f"{scan.__module__}.{scan.__name__}: {made} new notification{'s' if made != 1 else ''}")
        sent = notification_emails_retry()
        self.stdout.write(self.style.SUCCESS(f"{sent} notification email{'s' if sent != 1 else ''} sent."))
