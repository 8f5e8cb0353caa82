from django.conf import settings

from accounts.models import School
from training.management.reminders import ReminderCommand
from training.services.documents import acknowledgement_reminders_send
from training.tasks import send_document_reminders


class Command(ReminderCommand):
    help = (
        "Queue, for every school, the emails to everyone with documents to read and confirm, at most "
        "once a day each (the task workers send them). For cron: running it twice the same day sends nothing more."
    )
    task = send_document_reminders
    send = staticmethod(acknowledgement_reminders_send)

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default=getattr(settings, "SITE_URL", ""),
            help="The site's address for links in the emails, e.g. https://prevent.example.org",
        )
        super().add_arguments(parser)

    def handle(self, *args, base_url, now=False, **options):
        self.send_or_queue(School.objects.all(), base_url.rstrip("/"), now, sent_ending=" in all")
