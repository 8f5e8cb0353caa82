"""Email staff whose required training is missing, expired or lapsing within 60 days. For cron.

Queues one task per school (training.tasks); --now sends from this process instead.
Idempotent: a reminder log means a second run on the same day sends nothing more.
"""

from django.core.management.base import BaseCommand, CommandError

from accounts.emails import MailNotSent
from accounts.models import School
from training.services.courses import send_training_reminders
from training.tasks import send_course_reminders


class Command(BaseCommand):
    help = "Queue the emails to staff whose required training is missing, expired or lapsing within 60 days."

    def add_arguments(self, parser):
        parser.add_argument("--school", type=int, help="Only this school (its id).")
        parser.add_argument(
            "--base-url",
            default="",
            help="The site's address for links in the emails when SITE_URL is not set, e.g. https://prevent.example.org",
        )
        parser.add_argument(
            "--now",
            action="store_true",
            help="Send from this process instead of queueing (no worker needed); stops at a mail server failure.",
        )

    def handle(self, *args, school=None, base_url="", now=False, **options):
        schools = School.objects.all() if school is None else School.objects.filter(pk=school)
        schools = schools.order_by("pk")
        if not now:
            for each in schools:
                send_course_reminders.enqueue(school_id=each.pk, base_url=base_url)
            self.stdout.write(self.style.SUCCESS(f"Training reminders queued for {len(schools)} schools."))
            return
        total = 0
        for each in schools:
            try:
                sent = send_training_reminders(school=each, base_url=base_url)
            except MailNotSent as error:
                # The server is down or silent: stop, the next run sends what was not sent.
                raise CommandError(
                    f"{each.name}: {error.sent} sent, {error.not_sent} not sent: {error.reason}. "
                    f"{total + error.sent} training reminders sent in all before stopping."
                ) from error
            if sent:
                self.stdout.write(f"{each.name}: {sent} reminder{'s' if sent != 1 else ''} sent")
            total += sent
        self.stdout.write(self.style.SUCCESS(f"{total} training reminder{'s' if total != 1 else ''} sent."))
