"""Read a folder written by export_school back into a database that does not hold that school."""

from django.core.management.base import BaseCommand, CommandError

from accounts.school_export import import_school


class Command(BaseCommand):
    help = "Import one school's records and files from an export_school folder."

    def add_arguments(self, parser):
        parser.add_argument("folder")

    def handle(self, *args, folder, **options):
        try:
            manifest = import_school(folder)
        except (ValueError, FileNotFoundError) as error:
            raise CommandError(str(error)) from error
        for missing in manifest.get("missing_files", []):
            self.stderr.write(f"Not in the export (missing at the source): {missing['name']} ({missing['record']})")
        self.stdout.write(
            self.style.SUCCESS(f"Imported {manifest['school']}: {sum(manifest['counts'].values())} records")
        )
