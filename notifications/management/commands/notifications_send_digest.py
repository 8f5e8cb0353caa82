"""Weekly (cron, or a scheduled task): each person who chose a weekly email gets one digest.

Idempotent per person per week: a second run in the same week sends nothing more, except to
those whose digest could not be sent the first time.
"""

from django.core.management.base import BaseCommand, CommandError

from notifications.delivery import notification_digests_send


class Command(BaseCommand):
    help = "Send the weekly digest of notifications to each person who chose one."

    def handle(self, *args, **options):
        sent, not_sent = notification_digests_send()
        self.stdout.write(f"{sent} digest{'s' if sent != 1 else ''} sent.")
        if not_sent:
            plural = "s" if not_sent != 1 else ""
            raise CommandError(f"{not_sent} digest{plural} could not be sent: the next run tries again.")
