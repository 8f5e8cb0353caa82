"""Run one task worker for the configured queue (TASKS_BACKEND): ``manage.py worker``.

database: django-tasks-db's ``db_worker``, polling the app's database; rq: django-rq's
``rqworker`` with its scheduler (which runs retries when their wait is over). Run as many as
the work needs, on any machine that reaches the database (and Redis); docs/operations.md.
"""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run a background task worker for the configured queue (TASKS_BACKEND)."

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="Run the tasks waiting now, then stop.")
        parser.add_argument(
            "--interval", type=float, default=1, help="Seconds between looks at an empty database queue."
        )

    def handle(self, *args, batch=False, interval=1, verbosity=1, **options):
        if settings.TASKS_BACKEND == "rq":
            call_command(
                "rqworker",
                "default",
                job_class="django_tasks_rq.Job",
                with_scheduler=True,
                burst=batch,
                verbosity=verbosity,
            )
        else:
            call_command(
                "db_worker",
                queue_name="default",
                batch=batch,
                interval=interval,
                reload=False,
                verbosity=verbosity,
            )
