"""The two real queues, for the tests that run tasks as production does: the database queue
(django-tasks-db, on the test database) and RQ on Redis (database 15 of the machine's Redis,
emptied before each test). A worker runs in the test's process until the queue is empty."""

from types import SimpleNamespace

import pytest
from django.core.management import call_command

# The headline figures' refresh, queued by any change to a school's records: the tests count the
# work they start themselves.
HEADLINES = "compliance.tasks.refresh_headline"

BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "rq": "django_tasks_rq.RQBackend",
}


def _run_database_worker():
    call_command("worker", batch=True, interval=0, verbosity=0)


def _run_rq_worker():
    # SimpleWorker runs each job in this process (the default forks), on this test's database.
    call_command(
        "rqworker",
        "default",
        burst=True,
        worker_class="rq.worker.SimpleWorker",
        job_class="django_tasks_rq.Job",
        verbosity=0,
    )


def _waiting_database():
    from django_tasks_db.models import DBTaskResult

    results = DBTaskResult.objects.exclude(task_path=HEADLINES)
    return {
        "ready": results.ready().count(),
        "later": results.filter(status="READY").count() - results.ready().count(),
    }


def _waiting_rq():
    import django_rq
    from rq.registry import ScheduledJobRegistry

    queue = django_rq.get_queue("default")
    ready = sum(1 for job in queue.jobs if job.func_name != HEADLINES)
    return {"ready": ready, "later": ScheduledJobRegistry(queue=queue).count}


@pytest.fixture(params=sorted(BACKENDS))
def queue(request, settings):
    """The queue under test: ``queue.run()`` works it empty, ``queue.waiting()`` counts its tasks."""
    name = request.param
    settings.TASKS_BACKEND = name
    settings.TASKS = {"default": {"BACKEND": BACKENDS[name], "QUEUES": ["default"]}}
    if name == "rq":
        import django_rq

        django_rq.get_connection("default").flushdb()  # the tests' own Redis database only
    yield SimpleNamespace(
        name=name,
        run=_run_rq_worker if name == "rq" else _run_database_worker,
        waiting=_waiting_rq if name == "rq" else _waiting_database,
    )
    if name == "rq":
        import django_rq

        django_rq.get_connection("default").flushdb()


def run_due(queue):
    """Move the tasks whose wait is over onto the queue (RQ's scheduler does this in a worker)."""
    if queue.name == "rq":
        import django_rq
        from rq.scheduler import RQScheduler

        q = django_rq.get_queue("default")
        scheduler = RQScheduler([q], connection=q.connection)
        scheduler.acquire_locks()
        scheduler.enqueue_scheduled_jobs()
        scheduler.release_locks()
    queue.run()
