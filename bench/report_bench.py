"""Time the compliance report: the demo school, then a trust of 10, 25 and 50 schools.

Not part of the test suite. It builds its own database (a fresh SQLite file unless
DATABASE_URL says otherwise), seeds the demo, adds bench schools to the demo trust, and prints
seconds per step and per school. The overview and the combined PDF should grow in proportion
to the number of schools (the seconds per school stay about the same).

    DEBUG=1 .venv/bin/python bench/report_bench.py            # 10, 25 and 50 schools
    DEBUG=1 .venv/bin/python bench/report_bench.py --schools 100
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prevent_site.settings")
_workdir = tempfile.mkdtemp(prefix="prevent-bench-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{_workdir}/bench.sqlite3")
os.environ.setdefault("MEDIA_ROOT", f"{_workdir}/media")

import django  # noqa: E402

django.setup()

import logging  # noqa: E402

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from accounts.models import Membership, Role, School, User  # noqa: E402
from compliance.reports.report_data import school_report  # noqa: E402
from compliance.reports.report_render import render_overview_pdf, render_report_pdf  # noqa: E402
from compliance.services import plan_create_from_template  # noqa: E402
from core import periods  # noqa: E402
from training.services.courses import courses_create_defaults  # noqa: E402

logging.getLogger("weasyprint").setLevel(logging.WARNING)


def every_report(schools, period):
    return [school_report(school, period) for school in schools]


def timed(label, function, *args):
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        result = function(*args)
        seconds = time.perf_counter() - start
    print(f"{label:<58} {seconds:8.2f} s {len(queries):6d} queries")
    return result, seconds


def bench_school(trust, n, template_source):
    """A school of the demo trust with a plan, a Lead, 40 staff and the default courses."""
    school, created = School.objects.get_or_create(
        urn=f"9{n:05d}",
        defaults={
            "name": f"Bench Academy {n:03d}",
            "local_authority": "Peterborough",
            "phase": School.Phase.SECONDARY,
            "organisation": trust,
        },
    )
    if not created:
        return school
    lead = User.objects.create_user(f"lead{n}@bench.example", full_name=f"Lead {n}")
    Membership.objects.bulk_create(
        [
            Membership(user=lead, school=school, role=Role.PREVENT_LEAD),
            Membership(user=lead, school=school, role=Role.STAFF),
        ]
    )
    staff = User.objects.bulk_create(
        [User(email=f"staff{n}-{i}@bench.example", full_name=f"Staff {n}-{i}") for i in range(40)]
    )
    Membership.objects.bulk_create([Membership(user=u, school=school, role=Role.STAFF) for u in staff])
    plan_create_from_template(school=school, by=lead, academic_year=template_source)
    courses_create_defaults(school=school, by=lead)
    return school


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--schools", type=int, nargs="*", default=[10, 25, 50])
    args = parser.parse_args()
    settings_db = connection.settings_dict["NAME"]
    print(f"Database: {settings_db}")
    call_command("migrate", verbosity=0, interactive=False)
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    demo = School.objects.exclude(organisation=None).order_by("pk").first()
    period = periods.academic_year()

    print("\nThe demo school")
    report, _ = timed(f"school_report({demo.name})", school_report, demo, period)
    timed("render_report_pdf", render_report_pdf, report)

    trust = demo.organisation
    for count in sorted(args.schools):
        existing = School.objects.filter(organisation=trust).count()
        for n in range(existing, count):
            bench_school(trust, n, period.academic_year)
        schools = list(School.objects.filter(organisation=trust).order_by("name")[:count])
        print(f"\nA trust of {len(schools)} schools")
        reports, seconds = timed("school_report for every school (the overview)", every_report, schools, period)
        print(f"{'  per school':<58} {seconds / len(schools):8.3f} s")
        _, seconds = timed("render_overview_pdf (the combined PDF)", render_overview_pdf, trust.name, reports)
        print(f"{'  per school':<58} {seconds / len(schools):8.3f} s")


if __name__ == "__main__":
    main()
