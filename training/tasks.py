"""Reminder emails as background tasks: the Lead's Remind button and the daily runs (cron).

One task per school. It claims the day's reminders in one transaction, then sends after the
commit in batches, one SMTP connection each (core.emails.send_each). If the mail server
fails, whoever was not reached is released and the task is queued again after a growing wait
(background.jobs.retry_later); the reminder log keeps every person to one email a day however
often it runs.
"""

import logging
from contextlib import nullcontext

from django.utils import timezone
from django_tasks import task

from accounts.models import School, User
from background.jobs import job_finish, job_progress, job_retrying, job_work, retry_later
from core.emails import MailNotSent

from .services.courses import training_reminders_send
from .services.documents import acknowledgement_reminders_send

logger = logging.getLogger(__name__)


@task()
def send_document_reminders(school_id, base_url="", by_id=None, job_id=None, attempt=0):
    """Email everyone in the school with documents to confirm (at most once a day each)."""
    by = User.objects.get(pk=by_id) if by_id else None
    return _remind(
        send_document_reminders,
        lambda school, progress: acknowledgement_reminders_send(
            school=school, by=by, base_url=base_url, progress=progress
        ),
        school_id=school_id,
        job_id=job_id,
        attempt=attempt,
        again={"school_id": school_id, "base_url": base_url, "by_id": by_id, "job_id": job_id},
    )


@task()
def send_course_reminders(school_id, base_url="", attempt=0):
    """Email everyone in the school whose required training is missing, expired or lapsing."""
    return _remind(
        send_course_reminders,
        lambda school, progress: training_reminders_send(school=school, base_url=base_url, progress=progress),
        school_id=school_id,
        job_id=None,
        attempt=attempt,
        again={"school_id": school_id, "base_url": base_url},
    )


def _remind(this_task, send, *, school_id, job_id, attempt, again):
    school = School.objects.get(pk=school_id)
    with job_work(job_id) if job_id else nullcontext() as job:
        progress = (lambda done, of: job_progress(job, done, of)) if job else None
        try:
            sent = send(school, progress)
        except MailNotSent as error:
            when = retry_later(this_task, attempt=attempt, kwargs=again)
            logger.warning("Reminders for school %s: %s (attempt %s)", school_id, error, attempt + 1)
            if job:
                _say_not_sent(job, error, when)
            if when is None:
                raise  # out of attempts: the queue records the failure
            return {"sent": error.sent, "retry_at": when.isoformat()}
        if job:
            job_finish(job, message=_sent_message(sent))
        return {"sent": sent}


def _sent_message(sent):
    if not sent:
        return "Nobody needed a reminder: everyone outstanding has already had one today."
    return f"Reminder emails sent to {sent} {'person' if sent == 1 else 'people'}."


def _say_not_sent(job, error, when):
    text = (
        f"Reminder emails sent to {error.sent}; {error.not_sent} could not be sent because {error.reason}. "
        "Nobody who missed out is marked as reminded"
    )
    if when is not None:
        job_retrying(job, f"{text}: they will be tried again at {timezone.localtime(when):%H:%M}.")
    else:
        job_finish(job, message=f"{text}: press Remind again later, or the daily job will.", failed=True)
