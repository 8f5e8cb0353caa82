from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.demo import DEMO_PASSWORD, DemoRefused, seed_people
from assurance import demo as assurance_demo
from compliance import demo as plan_demo
from compliance import demo_annual_reports as annual_reports_demo
from compliance import demo_assurance as plan_assurance_demo
from compliance import demo_reports as reports_demo
from notifications import demo as notifications_demo
from referrals import demo as referrals_demo
from speakers import demo as speakers_demo
from training import demo_courses as training_courses_demo
from training import demo_documents as training_documents_demo


def seed_records(school):
    """Every app's demo records in ``school`` (whose people are there already), in the order of
    the dependencies; each app's demo.seed(school) does nothing when its records are there."""
    training_courses_demo.seed(school)
    training_documents_demo.seed(school)
    speakers_demo.seed(school)
    referrals_demo.seed(school)
    plan_demo.seed(school)
    # The risk assessment, self-assessment and filtering, then the plan actions raised from them.
    assurance_demo.seed(school)
    plan_assurance_demo.seed(school)
    # Last: freezes a report of everything above (needs the plan's demo to have run).
    reports_demo.seed(school)
    # The annual reports to governors: last year's signed off and frozen, this year's a draft.
    annual_reports_demo.seed(school)
    # Then who was told of all that, and the daily scan's notices (no email in the demo).
    notifications_demo.seed(school)


class Command(BaseCommand):
    help = "Make (or leave as it is) the demo school with its people and records, and print the sign-ins."

    def handle(self, *args, **options):
        # Every demo account has the published password and no second factor: never in production.
        if not (settings.DEBUG or settings.DEMO_ALLOWED):
            raise CommandError(
                "seed_demo runs only with DEBUG=1 (a development machine): its accounts share a published password."
            )
        try:
            with transaction.atomic():
                school, logins = seed_people()
                seed_records(school)
        except DemoRefused as refused:
            raise CommandError(str(refused)) from None
        self.stdout.write(self.style.SUCCESS(f"Demo school: {school.name} ({school.local_authority})"))
        self.stdout.write(f"Every demo sign-in uses the password: {DEMO_PASSWORD}")
        for login in logins:
            self.stdout.write(f"  {login.role:<20} {login.email:<28} {login.name}")
