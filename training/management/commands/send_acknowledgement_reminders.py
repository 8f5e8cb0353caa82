from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.emails import MailNotSent
from accounts.models import School
from training.services.documents import reminders_send
from training.tasks import send_document_reminders


class Command(BaseCommand):
    help = (
        "Queue, for every school, the emails to everyone with documents to read and confirm, at most "
        "once a day each (the task workers send them). For cron: running it twice the same day sends nothing more."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default=getattr(settings, "SITE_URL", ""),
            help="The site's address for links in the emails, e.g. https://prevent.example.org",
        )
        parser.add_argument(
            "--now",
            action="store_true",
            help="Send from this process instead of queueing (no worker needed); stops at a mail server failure.",
        )

    def handle(self, *args, base_url, now=False, **options):
        base_url = base_url.rstrip("/")
        schools = School.objects.order_by("pk")
        if not now:
            for school in schools:
                send_document_reminders.enqueue(school_id=school.pk, base_url=base_url)
            self.stdout.write(self.style.SUCCESS(f"Reminders queued for {len(schools)} schools."))
            return
        total = 0
        for school in schools:
            try:
                sent = reminders_send(school=school, base_url=base_url)
            except MailNotSent as error:
                # The server is down or silent: stop, the next run sends what was not sent.
                raise CommandError(
                    f"{school.name}: {error.sent} sent, {error.not_sent} not sent: {error.reason}. "
                    f"{total + error.sent} reminders sent in all before stopping."
                ) from error
            if sent:
                self.stdout.write(f"{school.name}: {sent} reminder{'s' if sent != 1 else ''} sent")
            total += sent
        self.stdout.write(self.style.SUCCESS(f"{total} reminder{'s' if total != 1 else ''} sent in all."))
