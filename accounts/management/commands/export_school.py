"""Write one school's records (JSON) and uploaded files to a folder."""

from django.core.management.base import BaseCommand, CommandError

from accounts.models import School
from accounts.school_export import export_school


class Command(BaseCommand):
    help = "Export one school's records and files to a folder (see docs/operations.md)."

    def add_arguments(self, parser):
        parser.add_argument("urn", help="The school's URN.")
        parser.add_argument("folder", help="Where to write records.json, manifest.json and files/.")

    def handle(self, *args, urn, folder, **options):
        school = School.objects.filter(urn=urn).first()
        if school is None:
            raise CommandError(f"No school with URN {urn}.")
        try:
            manifest = export_school(school, folder)
        except ValueError as error:
            raise CommandError(str(error)) from error
        for missing in manifest["missing_files"]:
            self.stderr.write(f"Missing file, listed in manifest.json: {missing['name']} ({missing['record']})")
        self.stdout.write(
            self.style.SUCCESS(
                f"Exported {school.name}: {sum(manifest['counts'].values())} records and "
                f"{len(manifest['files'])} files to {folder}"
                + (f"; {len(manifest['missing_files'])} files missing" if manifest["missing_files"] else "")
            )
        )
