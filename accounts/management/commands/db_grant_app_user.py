"""Grant the app's PostgreSQL user what it needs: insert and read evidence, never change or delete it."""

from django.core.management.base import BaseCommand, CommandError

from core.db_privileges import grant_app_user


class Command(BaseCommand):
    help = (
        "Run as the tables' owner (the user that runs migrate), after every migrate: grants ROLE SELECT and "
        "INSERT on append-only tables and full use of the others (see docs/operations.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("role", help="The database role the app connects as, e.g. prevent_app.")

    def handle(self, *args, role, **options):
        try:
            statements = grant_app_user(role)
        except ValueError as error:
            raise CommandError(str(error)) from error
        if options["verbosity"] > 1:
            for statement in statements:
                self.stdout.write(statement)
        self.stdout.write(self.style.SUCCESS(f"Granted {role}: {len(statements)} statements."))
