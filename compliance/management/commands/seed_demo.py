from django.core.management.base import BaseCommand

from accounts.demo import DEMO_PASSWORD, seed_people


class Command(BaseCommand):
    help = "Make (or leave as it is) the demo school with its people and records, and print the sign-ins."

    def handle(self, *args, **options):
        school, logins = seed_people()
        self.stdout.write(self.style.SUCCESS(f"Demo school: {school.name} ({school.local_authority})"))
        self.stdout.write(f"Every demo sign-in uses the password: {DEMO_PASSWORD}")
        for login in logins:
            self.stdout.write(f"  {login.role:<20} {login.email:<28} {login.name}")
