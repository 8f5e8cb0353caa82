"""What the reminder commands share: queue one task per school, or with --now send from this
process and stop at the first mail server failure (the next run sends what was not sent)."""

from django.core.management.base import BaseCommand, CommandError

from core.emails import MailNotSent


def _plural(count, noun):
    return f"{count} {noun}{'s' if count != 1 else ''}"


class ReminderCommand(BaseCommand):
    """A subclass names ``task`` (queued as ``task.enqueue(school_id=..., base_url=...)``), ``send``
    (``send(school=..., base_url=...)`` returns how many were sent) and ``noun`` for its output."""

    noun = "reminder"
    task = None
    send = None

    def add_arguments(self, parser):
        parser.add_argument(
            "--now",
            action="store_true",
            help="Send from this process instead of queueing (no worker needed); stops at a mail server failure.",
        )

    def send_or_queue(self, schools, base_url, now, sent_ending=""):
        """Queue or send; then say how many schools were queued, or how many reminders were sent."""
        schools = schools.order_by("pk")
        if not now:
            for school in schools:
                self.task.enqueue(school_id=school.pk, base_url=base_url)
            self.stdout.write(self.style.SUCCESS(f"{self.noun.capitalize()}s queued for {len(schools)} schools."))
            return
        total = 0
        for school in schools:
            try:
                sent = self.send(school=school, base_url=base_url)
            except MailNotSent as error:
                raise CommandError(
                    f"{school.name}: {error.sent} sent, {error.not_sent} not sent: {error.reason}. "
                    f"{total + error.sent} {self.noun}s sent in all before stopping."
                ) from error
            if sent:
                self.stdout.write(f"{school.name}: {_plural(sent, 'reminder')} sent")
            total += sent
        self.stdout.write(self.style.SUCCESS(f"{_plural(total, self.noun)} sent{sent_ending}."))
