import time

from django.core.management.base import BaseCommand, CommandError

from accounts.models import Organisation, School
from core import periods

from ...reports.headlines import headline_refresh, refresh_stale


class Command(BaseCommand):
    help = (
        "Recompute the headline figures the trust/local-authority overview shows, for every school "
        "(or one organisation's) and the current academic year. Run nightly from cron; with --stale, only "
        "the figures a change has made stale (e.g. every few minutes)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--organisation", type=int, help="Only the schools of this organisation (its id).")
        parser.add_argument("--period", help="A period key such as 2026/27 or 2026/27-autumn (default: this year).")
        parser.add_argument("--stale", action="store_true", help="Only the figures marked stale by a change.")

    def handle(self, *args, organisation, period, stale=False, **options):
        if stale:
            done = refresh_stale()
            self.stdout.write(
                self.style.SUCCESS(f"Refreshed {done} stale headline figure set{'s' if done != 1 else ''}.")
            )
            return
        schools = School.objects.order_by("name")
        if organisation is not None:
            if not Organisation.objects.filter(pk=organisation).exists():
                raise CommandError(f"No organisation with id {organisation}.")
            schools = schools.filter(organisation_id=organisation)
        chosen = periods.parse(period) if period else periods.academic_year()
        if chosen is None:
            raise CommandError(f"Not a period: {period}. Use for example 2026/27 or 2026/27-autumn.")
        schools = list(schools)
        started = time.monotonic()
        for number, school in enumerate(schools, start=1):
            headline_refresh(school.pk, chosen.key)
            if number % 25 == 0 or number == len(schools):
                self.stdout.write(f"{number}/{len(schools)} schools ({time.monotonic() - started:.0f} s)")
        self.stdout.write(
            self.style.SUCCESS(f"Refreshed the {chosen.label} headline figures of {len(schools)} schools.")
        )
