"""Check that no audit event has been changed or removed: exit status 1 if a chain is broken."""

from django.core.management.base import BaseCommand, CommandError

from accounts.audit import broken_links
from accounts.audit_anchor import anchor_problems, latest_anchor
from accounts.models import AuditEvent


def chain_problems(anchor_path=None):
    """(messages, anchor or None): every broken link, then every anchored event no longer there."""
    messages = [f"Audit event {pk} {problem}." for pk, problem in broken_links()]
    anchor = latest_anchor(anchor_path)
    if anchor is not None:
        messages += [f"Anchor check: {problem}." for _, problem in anchor_problems(anchor)]
    return messages, anchor


def stop_if_broken(command, problems, message):
    """If there are ``problems``, write the first 50 to the command's stderr and stop it with
    ``message`` (``{count}`` is the number of problems)."""
    if problems:
        for problem in problems[:50]:
            command.stderr.write(problem)
        raise CommandError(message.format(count=len(problems)))


class Command(BaseCommand):
    help = (
        "Verify the audit trail: every school's keyed hash chain, and the newest events against the "
        "latest anchor (AUDIT_ANCHOR_FILE). Fails if any event was changed or removed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--anchor-file", help="Check against this anchor file (e.g. a copy kept off the machine) instead."
        )

    def handle(self, *args, anchor_file=None, **options):
        problems, anchor = chain_problems(anchor_file)
        stop_if_broken(
            self,
            problems,
            "The audit trail is broken in {count} place(s): events were changed or removed outside the "
            "application. Keep a copy of the database as it is and investigate.",
        )
        if anchor is None:
            self.stderr.write(
                "No anchor to check against (AUDIT_ANCHOR_FILE unset or empty): deleting the newest events "
                "of a chain would not be detected. Run manage.py anchor_audit_chain from cron."
            )
        else:
            self.stdout.write(f"Checked against the anchor of {anchor['at']} ({len(anchor['chains'])} chains).")
        self.stdout.write(self.style.SUCCESS(f"The audit trail is whole: {AuditEvent.objects.count()} events checked."))
