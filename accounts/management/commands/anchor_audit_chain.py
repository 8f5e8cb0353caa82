"""Write each audit chain's length and newest hash outside the database (AUDIT_ANCHOR_FILE, the log)."""

from django.core.management.base import BaseCommand

from accounts.audit_anchor import write_anchor
from accounts.management.commands.verify_audit_chain import chain_problems, stop_if_broken


class Command(BaseCommand):
    help = (
        "Verify the audit trail, then append every chain's head to AUDIT_ANCHOR_FILE and the log, so that "
        "deleting the newest events is detected later. Run it from cron (nightly at least; hourly is better)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--anchor-file", help="Append to this file instead of AUDIT_ANCHOR_FILE.")

    def handle(self, *args, anchor_file=None, **options):
        # Never anchor a chain that is already broken: that would bless the tampering.
        problems, _ = chain_problems(anchor_file)
        stop_if_broken(
            self,
            problems,
            "Not anchored: the audit trail is broken in {count} place(s). Run verify_audit_chain and "
            "investigate before anchoring again.",
        )
        anchor = write_anchor(anchor_file)
        events = sum(head["seq"] for head in anchor["chains"].values())
        self.stdout.write(self.style.SUCCESS(f"Anchored {len(anchor['chains'])} chains ({events} events)."))
