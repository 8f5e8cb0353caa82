from django.conf import settings
from django.core.management.base import BaseCommand

from accounts.models import School
from training.services.documents import reminders_send


class Command(BaseCommand):
    help = (
        "Email everyone with documents to read and confirm, at most once a day each. "
        "For cron: running it twice the same day sends nothing more."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default=getattr(settings, "SITE_URL", ""),
            help="The site's address for links in the emails, e.g. https://prevent.example.org",
        )

    def handle(self, *args, base_url, **options):
        total = 0
        for school in School.objects.order_by("pk").iterator():
            sent = reminders_send(school=school, base_url=base_url.rstrip("/"))
            if sent:
                self.stdout.write(f"{school.name}: {sent} reminder{'s' if sent != 1 else ''} sent")
            total += sent
        self.stdout.write(self.style.SUCCESS(f"{total} reminder{'s' if total != 1 else ''} sent in all."))
