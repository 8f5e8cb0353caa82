"""How the project queues background work, and how a job tells the person who started it how
it is going.

The queue is Django's tasks API (the django-tasks backport): tasks are ``@task`` functions in
each app's ``tasks.py``, queued here and run by ``manage.py worker``. Three ways in:

- ``enqueue_on_commit(task, *args)``: queue ``task`` once the current transaction commits (at
  once outside one), so that a worker never looks for rows that are not there yet, and a
  rolled-back request queues nothing (e.g. notification emails, notifications.tasks).
  Arguments must be JSON (ids, strings, numbers).
- ``job_start(kind=..., school=..., by=..., task=..., payload={...})``: the same, for work that
  someone is waiting on. A ``Job`` row records it; the task is called with the job's id
  (``task(job_id=..., **task_kwargs)``) and reads large inputs from ``job.payload``; the person
  follows it on the job's page (``redirect(job)``).
- ``retry_later(task, attempt=..., args=..., kwargs=...)``: queue a failed attempt again after a
  growing wait (``RETRY_SECONDS``).

A task that runs a job wraps its work in ``with job_work(job_id) as job:``, reports
``job_progress(job, done, total)`` as it goes and ends with ``job_finish(job, message=...)``.
"""

import contextlib
import logging
from datetime import timedelta
from functools import partial

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from .models import Job

logger = logging.getLogger(__name__)

# The waits before a failed task's second, third, fourth and fifth attempts (then it gives up).
RETRY_SECONDS = (60, 300, 900, 3600)


def enqueue_on_commit(task, *args, **kwargs):
    """Queue ``task(*args, **kwargs)`` when the current transaction commits (at once outside one).

    A queue that does not answer is logged, never raised: the request's work is saved by then,
    and an error page would say otherwise (the task's work must have another way to be done,
    e.g. a daily run that picks up what is still pending).
    """
    transaction.on_commit(partial(_enqueue_logged, task, args, kwargs))


def _enqueue_logged(task, args, kwargs):
    try:
        task.enqueue(*args, **kwargs)
    except Exception:
        logger.exception("Task %s could not be queued", task.name)


def job_start(*, kind, school, by, task, payload=None, next_url="", **task_kwargs):
    """Record a Job for ``by`` in ``school`` and queue ``task(job_id=..., **task_kwargs)`` after the commit."""
    with transaction.atomic():
        job = Job.objects.create(kind=kind, school=school, started_by=by, payload=payload or {}, next_url=next_url)
        transaction.on_commit(partial(_enqueue_job, job, task, task_kwargs))
    return job


def _enqueue_job(job, task, task_kwargs):
    """Queue the job's task; if the queue does not answer, the job's page says so (never a job
    left waiting for ever, nor an error page after the request's work was saved)."""
    try:
        task.enqueue(job_id=str(job.pk), **task_kwargs)
    except Exception:
        logger.exception("Background job %s (%s) could not be queued", job.pk, job.kind)
        job_finish(
            job,
            message="It could not be started: the task queue did not answer. Try again in a few minutes.",
            failed=True,
        )


def retry_later(task, *, attempt, args=(), kwargs=None):
    """Queue ``task`` again, with ``attempt`` + 1, after the next wait of ``RETRY_SECONDS``.

    Returns when it will run, or None when the attempts are used up or the backend cannot run a
    task later (the immediate backend of the tests): the caller then gives up and says so.
    """
    if attempt >= len(RETRY_SECONDS) or not task.get_backend().supports_defer:
        return None
    when = timezone.now() + timedelta(seconds=RETRY_SECONDS[attempt])
    task.using(run_after=when).enqueue(*args, **{**(kwargs or {}), "attempt": attempt + 1})
    return when


@contextlib.contextmanager
def job_work(job_id):
    """The Job ``job_id``, marked running for the block; failed if the block raises.

    An unexpected error is logged and re-raised (the queue records it too); the person sees that
    it failed and that nothing was changed where the task's writes were one transaction.
    """
    job = Job.objects.select_related("school", "started_by").get(pk=job_id)
    job.status, job.started_at = Job.Status.RUNNING, job.started_at or timezone.now()
    Job.objects.filter(pk=job.pk).update(status=job.status, started_at=job.started_at)
    try:
        yield job
    except Exception:
        logger.exception("Background job %s (%s) failed", job.pk, job.kind)
        if not job.is_finished:
            job_finish(job, message="It stopped because of an error on our side. Please try again.", failed=True)
        raise
    if not job.is_finished and job.status != Job.Status.RETRYING:
        job_finish(job)


def job_progress(job, done, total=None):
    """How far the job has got (``done`` of ``total``), for its page. Call it outside transactions."""
    job.done = done
    if total is not None:
        job.total = total
    Job.objects.filter(pk=job.pk).update(done=job.done, total=job.total)


def job_retrying(job, message):
    """The job will try again later: its page says ``message``."""
    job.status, job.message = Job.Status.RETRYING, message
    Job.objects.filter(pk=job.pk).update(status=job.status, message=message)


def job_finish(job, *, message="", failed=False, result=None, result_name=""):
    """The job has ended: ``message`` for its page, and ``result`` (bytes) as a file to download.

    Its payload is emptied: what it carried is now saved where it belongs, or nowhere.
    """
    job.status = Job.Status.FAILED if failed else Job.Status.DONE
    job.message, job.finished_at, job.payload = message, timezone.now(), {}
    fields = ["status", "message", "finished_at", "payload"]
    if result is not None:
        job.result.save(result_name, ContentFile(result), save=False)
        job.result_name = result_name
        fields += ["result", "result_name"]
    job.save(update_fields=fields)


class SiteAddress:
    """Stands in for the request where a task needs only the address the person used (for links
    in emails when SITE_URL is not set): ``build_absolute_uri(path)``."""

    def __init__(self, base_url):
        self.base_url = base_url.rstrip("/")

    def build_absolute_uri(self, path):
        return self.base_url + path
