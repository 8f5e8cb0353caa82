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
        counts = export_school(school, folder)
        self.stdout.write(self.style.SUCCESS(f"Exported {school.name}: {sum(counts.values())} records to {folder}"))
