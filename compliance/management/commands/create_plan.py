from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from accounts.models import School

from ... import plan_templates
from ...services import plan_create_from_template


class Command(BaseCommand):
    help = (
        "Make a school's Prevent action plan for an academic year from a template (default: the one a new "
        "school of its local authority starts from; any template may be named explicitly)."
    )

    def add_arguments(self, parser):
        parser.add_argument("urn", help="The school's URN.")
        parser.add_argument(
            "--template",
            choices=plan_templates.template_keys(),
            help="A template key from compliance/plan_templates/ (default: the school's default).",
        )
        parser.add_argument("--year", help="The academic year, for example 2026/27 (default: the current one).")

    def handle(self, *args, urn, template, year, **options):
        school = School.objects.filter(urn=urn).first()
        if school is None:
            raise CommandError(f"No school with URN {urn}.")
        try:
            plan = plan_create_from_template(school=school, by=None, template_key=template, academic_year=year)
        except (ValidationError, KeyError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(f"Made the {plan.academic_year} plan for {school.name}: {plan.actions.count()} actions.")
        )
