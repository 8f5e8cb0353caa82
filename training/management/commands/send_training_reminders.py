"""Email staff whose required training is missing, expired or lapsing within 60 days. For cron.

Queues one task per school (training.tasks); --now sends from this process instead.
Idempotent: a reminder log means a second run on the same day sends nothing more.
"""

from accounts.models import School
from training.management.reminders import ReminderCommand
from training.services.courses import training_reminders_send
from training.tasks import send_course_reminders


class Command(ReminderCommand):
    help = "Queue the emails to staff whose required training is missing, expired or lapsing within 60 days."
    noun = "training reminder"
    task = send_course_reminders
    send = staticmethod(training_reminders_send)

    def add_arguments(self, parser):
        parser.add_argument("--school", type=int, help="Only this school (its id).")
        parser.add_argument(
            "--base-url",
            default="",
            help="The site's address for links in the emails when SITE_URL is not set, e.g. https://prevent.example.org",
        )
        super().add_arguments(parser)

    def handle(self, *args, school=None, base_url="", now=False, **options):
        schools = School.objects.all() if school is None else School.objects.filter(pk=school)
        self.send_or_queue(schools, base_url, now)
