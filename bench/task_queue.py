"""The task queue's throughput: one worker, reminder emails and trust PDFs, on both backends.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/prevent_bench_10 .venv/bin/python bench/task_queue.py

On a generated dataset (``generate_dataset``): queues the document reminders of every school
(one task each, as the daily command does) and times one worker sending them to a real SMTP
server on 127.0.0.1 (aiosmtpd, counting connections and messages); then queues trust PDFs
(every school of the dataset's officer) and times the worker building them, with its peak
memory. The reminders it sends are deleted afterwards, so it can run again. RQ runs in this
process (SimpleWorker; production's forking worker adds a fork per task).
"""

import argparse
import json
import resource
import socket
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench import bootstrap  # noqa: E402

BACKENDS = {"database": "django_tasks_db.DatabaseBackend", "rq": "django_tasks_rq.RQBackend"}


class Inbox:
    def __init__(self):
        self.messages = 0
        self.connections = 0

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        self.connections += 1
        session.host_name = hostname
        return responses

    async def handle_DATA(self, server, session, envelope):
        self.messages += 1
        return "250 OK"


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _use(backend):
    from django.conf import settings
    from django.core.signals import setting_changed

    settings.TASKS = {"default": {"BACKEND": BACKENDS[backend], "QUEUES": ["default"]}}
    settings.TASKS_BACKEND = backend
    setting_changed.send(sender=None, setting="TASKS", value=settings.TASKS, enter=True)


def _work(backend):
    from django.core.management import call_command

    if backend == "rq":
        call_command(
            "rqworker",
            "default",
            burst=True,
            worker_class="rq.worker.SimpleWorker",
            job_class="django_tasks_rq.Job",
            verbosity=0,
        )
    else:
        call_command("worker", batch=True, interval=0, verbosity=0)


def reminders(backend, inbox, schools):
    from accounts.models import School
    from training.models import AcknowledgementReminder
    from training.tasks import send_document_reminders

    AcknowledgementReminder.objects.all().delete()
    inbox.messages = inbox.connections = 0
    ids = list(School.objects.order_by("pk").values_list("pk", flat=True)[:schools])
    for school_id in ids:
        send_document_reminders.enqueue(school_id=school_id, base_url="https://prevent.example.org")
    started = time.perf_counter()
    _work(backend)
    seconds = time.perf_counter() - started
    AcknowledgementReminder.objects.all().delete()
    return {
        "tasks": len(ids),
        "emails": inbox.messages,
        "connections": inbox.connections,
        "seconds": round(seconds, 2),
        "tasks_per_second": round(len(ids) / seconds, 2),
        "emails_per_second": round(inbox.messages / seconds, 1),
    }


def pdfs(backend, count):
    from accounts.models import User
    from background.jobs import job_start
    from background.models import Job
    from compliance.tasks import build_overview_pdf

    officer = User.objects.filter(email__startswith="officer", email__endswith="@la.dataset.example").first()
    school = officer.organisation_memberships.first().organisation.schools.order_by("pk").first()
    jobs = [
        job_start(kind=Job.Kind.TRUST_PDF, school=school, by=officer, task=build_overview_pdf, period_key="")
        for _ in range(count)
    ]
    started = time.perf_counter()
    _work(backend)
    seconds = time.perf_counter() - started
    done = Job.objects.filter(pk__in=[j.pk for j in jobs], status=Job.Status.DONE)
    size = max((j.result.size for j in done), default=0)
    for job in Job.objects.filter(pk__in=[j.pk for j in jobs]):
        job.result.delete(save=False)
        job.delete()
    return {
        "pdfs": done.count(),
        "schools": officer.organisation_memberships.first().organisation.schools.count(),
        "seconds": round(seconds, 2),
        "pdfs_per_second": round(done.count() / seconds, 3),
        "pdf_bytes": size,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--schools", type=int, default=50, help="Queue the reminders of this many schools.")
    parser.add_argument("--pdfs", type=int, default=3)
    parser.add_argument("--backends", nargs="+", default=sorted(BACKENDS))
    parser.add_argument("--json")
    args = parser.parse_args()
    port = _free_port()
    import os

    os.environ.update(
        bootstrap.environment(EMAIL_URL=f"smtp://127.0.0.1:{port}", SITE_URL="https://prevent.example.org")
    )
    os.environ["REDIS_URL"] = os.environ.get("REDIS_BENCH_URL", "redis://127.0.0.1:6379/14")
    bootstrap.setup()
    import django

    django.setup()
    from aiosmtpd.controller import Controller

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    results = {}
    try:
        for backend in args.backends:
            _use(backend)
            if backend == "rq":
                import django_rq

                django_rq.get_connection("default").flushdb()
            results[backend] = {"reminders": reminders(backend, inbox, args.schools), "pdf": pdfs(backend, args.pdfs)}
            print(backend, json.dumps(results[backend]), flush=True)
    finally:
        controller.stop()
    results["worker_peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(json.dumps(results, indent=2))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
