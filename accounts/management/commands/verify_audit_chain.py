"""Check that no audit event has been changed or removed: exit status 1 if the chain is broken."""

from django.core.management.base import BaseCommand, CommandError

from accounts.audit import broken_links
from accounts.models import AuditEvent


class Command(BaseCommand):
    help = "Verify the hash chain of the audit trail; fails if any event was changed or removed."

    def handle(self, *args, **options):
        problems = broken_links()
        if problems:
            for pk, problem in problems[:50]:
                self.stderr.write(f"Audit event {pk} {problem}.")
            raise CommandError(
                f"The audit trail is broken in {len(problems)} place(s): events were changed or removed "
                "outside the application. Keep a copy of the database as it is and investigate."
            )
        self.stdout.write(self.style.SUCCESS(f"The audit trail is whole: {AuditEvent.objects.count()} events checked."))
