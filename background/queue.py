"""The queue as monitoring sees it: reachable or not, how many tasks wait, how long the oldest
has waited, how many failed in the last day. Whichever backend TASKS_BACKEND chose."""

from dataclasses import asdict, dataclass
from datetime import UTC, timedelta

from django.utils import timezone
from django_tasks import task_backends


@dataclass
class QueueState:
    backend: str
    waiting: int = 0
    oldest_seconds: int = 0
    failed_last_day: int = 0

    def as_dict(self):
        return asdict(self)


def queue_state():
    """The default queue's state; raises if the queue cannot be reached."""
    backend = type(task_backends["default"]).__name__
    if backend == "DatabaseBackend":
        return _database_state()
    if backend == "RQBackend":
        return _rq_state()
    return QueueState(backend="immediate")  # runs tasks in the caller: nothing ever waits


def _database_state():
    from django.db.models import Min
    from django_tasks_db.models import DBTaskResult

    now = timezone.now()
    ready = DBTaskResult.objects.ready()
    oldest = ready.aggregate(oldest=Min("enqueued_at"))["oldest"]
    failed = DBTaskResult.objects.failed().filter(finished_at__gte=now - timedelta(days=1)).count()
    return QueueState(
        backend="database",
        waiting=ready.count(),
        oldest_seconds=int((now - oldest).total_seconds()) if oldest else 0,
        failed_last_day=failed,
    )


def _rq_state():
    import django_rq
    from rq.job import Job as RQJob
    from rq.registry import FailedJobRegistry

    queue = django_rq.get_queue("default")
    queue.connection.ping()  # raises when Redis is down
    oldest_seconds = 0
    first = queue.get_job_ids(0, 1)
    if first:
        job = RQJob.fetch(first[0], connection=queue.connection)
        if job.enqueued_at:
            enqueued = job.enqueued_at if job.enqueued_at.tzinfo else job.enqueued_at.replace(tzinfo=UTC)
            oldest_seconds = max(0, int((timezone.now() - enqueued).total_seconds()))
    return QueueState(
        backend="rq",
        waiting=queue.count,
        oldest_seconds=oldest_seconds,
        failed_last_day=FailedJobRegistry(queue=queue).count,
    )
