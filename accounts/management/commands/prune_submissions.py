"""Forget the tokens of forms sent long ago (accounts.submissions): nobody resends a form after weeks."""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from accounts.submissions import Submission


class Command(BaseCommand):
    help = "Delete the submit-once tokens of forms sent more than --days days ago (default 30)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=30)

    def handle(self, *args, days, **options):
        cutoff = timezone.now() - datetime.timedelta(days=max(days, 1))
        deleted, _ = Submission.objects.filter(created_at__lt=cutoff).delete()
        self.stdout.write(f"{deleted} token(s) of forms sent before {cutoff:%Y-%m-%d} deleted.")
