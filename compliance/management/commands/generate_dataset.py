"""manage.py generate_dataset: a local authority's worth of schools for benchmarks and demos.

    manage.py generate_dataset --schools 250 --staff-per-school 100 --years 3 --seed 1

Each app makes its own rows (accounts/, training/, speakers/, referrals/, compliance/
dataset.py), one school at a time in a transaction, with bulk inserts. The same seed on the same
day gives the same data. A progress bar goes to stderr.
"""

import random
import time
from collections import Counter

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from accounts import dataset as accounts_dataset
from accounts.models import User
from compliance import dataset as compliance_dataset
from referrals import dataset as referrals_dataset
from speakers import dataset as speakers_dataset
from training import dataset as training_dataset

# Order follows the dependencies: the plan's live measures read the other apps' rows.
APPS = [
    ("training", training_dataset),
    ("speakers", speakers_dataset),
    ("referrals", referrals_dataset),
    ("compliance", compliance_dataset),
]


class ProgressBar:
    """A one-line bar on stderr: [#####.....] 120/250 schools 0:42 elapsed."""

    def __init__(self, total, label, stream, width=30):
        self.total, self.label, self.width = max(total, 1), label, width
        self.stream = stream  # a command's OutputWrapper, or None for no bar
        self.done = 0
        self.started = time.perf_counter()

    def __call__(self, step=1):
        self.done += step
        if self.stream is None:
            return
        filled = int(self.width * self.done / self.total)
        seconds = int(time.perf_counter() - self.started)
        self.stream.write(
            f"\r[{'#' * filled}{'.' * (self.width - filled)}] {self.done}/{self.total} {self.label}"
            f" {seconds // 60}:{seconds % 60:02d}",
            ending="\n" if self.done >= self.total else "",
        )
        self.stream.flush()


class Command(BaseCommand):
    help = "Generate a reproducible benchmark dataset: N schools of M staff with Y years of records."

    def add_arguments(self, parser):
        parser.add_argument("--schools", type=int, default=10)
        parser.add_argument("--staff-per-school", type=int, default=100)
        parser.add_argument("--years", type=int, default=3, help="Academic years of history (1 or more).")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--no-progress", action="store_true", help="No progress bar on stderr.")

    def handle(self, *args, schools, staff_per_school, years, seed, no_progress, **options):
        if schools < 1 or years < 1:
            raise CommandError("--schools and --years must be at least 1.")
        if User.objects.filter(email=f"officer{seed}@la.dataset.example").exists():
            raise CommandError(f"This database already holds the dataset of seed {seed}: use another seed or database.")
        today = timezone.localdate()
        started = time.perf_counter()
        stream = None if no_progress else self.stderr
        with transaction.atomic():
            _, officer, everyone = accounts_dataset.generate(
                schools=schools,
                staff_per_school=staff_per_school,
                seed=seed,
                years=years,
                today=today,
                progress=ProgressBar(schools, "schools: people", stream),
            )
        counts = Counter({"schools": schools, "users": len(everyone) * (staff_per_school + 2) + 1})
        bar = ProgressBar(schools, "schools: records", stream)
        for n, people in enumerate(everyone):
            with transaction.atomic():
                for name, module in APPS:
                    rng = random.Random(f"{seed}-{n}-{name}")
                    counts.update(module.generate(people, rng=rng, years=years, today=today))
            bar()
        if connection.vendor == "postgresql":
            # Fresh statistics, as autovacuum would gather in time: without them the planner
            # takes the new tables for small ones and scans them whole.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        seconds = time.perf_counter() - started
        self.stdout.write(self.style.SUCCESS(f"Generated in {seconds:.1f} s (seed {seed}):"))
        for name, count in counts.items():
            self.stdout.write(f"  {count:>9,} {name}")
        first = everyone[0]
        self.stdout.write(f"Every generated sign-in uses the password: {accounts_dataset.DATASET_PASSWORD}")
        self.stdout.write(f"  Prevent Lead of {first.school.name}: {first.lead.email}")
        self.stdout.write(f"  Staff of {first.school.name}: {first.staff[-1][0].email}")
        self.stdout.write(f"  Governor of {first.school.name}: {first.governors[0].email}")
        self.stdout.write(f"  Local-authority officer: {officer.email}")
