"""The task queue, measured: a reminder run for every school, and the largest trust PDF, each done
by one ``manage.py worker`` process, with its memory.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/prevent_bench_250 .venv/bin/python bench/task_queue.py

On a generated dataset (``generate_dataset``), on the database queue (and RQ with ``--backends
database rq``):

- **Reminders.** gunicorn serves the site with no reachable mail server (``EMAIL_URL`` points at
  a closed port: a web process that tried to send mail would fail). The first school's Lead
  presses Remind (a POST through gunicorn), then the daily command queues every school's
  reminders, as cron does. Only then does one ``manage.py worker`` start, with a real SMTP
  server on 127.0.0.1 (aiosmtpd) that counts connections and the messages on each. While it
  works, the staff home is requested every half second through gunicorn. Measured: the POST's
  and the command's time and the mail sent by then (none), the worker's tasks and emails per
  second, SMTP connections against the batches expected (one per ``EMAIL_BATCH_SIZE``
  reminders of a school), and the worker's peak memory.
- **Trust PDFs.** The officer's trust PDF of every school of the authority (250 at 250), queued
  ``--pdfs`` times as the Build button does and built by a fresh worker: seconds each, PDFs per
  second, and the worker's peak resident memory (``VmHWM``, its RSS high-water mark, of each
  process of the worker; RQ forks a work horse per task).

The reminders it logs and the jobs it builds are deleted afterwards, so it can run again.
"""

import argparse
import contextlib
import datetime
import json
import math
import os
import re
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench import bootstrap  # noqa: E402

SMTP_PORT = None  # chosen in main(), before Django reads EMAIL_URL


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Inbox:
    """An aiosmtpd handler: messages, and how many on each connection."""

    def __init__(self):
        self.reset()

    def reset(self):
        self.connections = 0
        self.per_connection = {}

    @property
    def messages(self):
        return sum(self.per_connection.values())

    async def handle_DATA(self, server, session, envelope):
        number = session.bench_connection
        self.per_connection[number] = self.per_connection.get(number, 0) + 1
        return "250 OK"


def smtp_server(inbox, port):
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import SMTP

    class Counting(SMTP):
        def connection_made(self, transport):
            inbox.connections += 1
            super().connection_made(transport)
            self.session.bench_connection = inbox.connections  # the messages on each connection

    class Server(Controller):
        def factory(self):
            return Counting(self.handler, **self.SMTP_kwargs)

    server = Server(inbox, hostname="127.0.0.1", port=port)
    server.start()
    return server


def process_tree(pid):
    pids, todo = [], [pid]
    while todo:
        current = todo.pop()
        pids.append(current)
        with contextlib.suppress(OSError):  # it has just ended
            todo += [int(c) for c in Path(f"/proc/{current}/task/{current}/children").read_text().split()]
    return pids


def memory_mb(pid):
    """(VmRSS, VmHWM) of ``pid`` in MB, or None once it has gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    values = dict(re.findall(r"^(VmRSS|VmHWM):\s+(\d+) kB", status, re.M))
    return int(values.get("VmRSS", 0)) / 1024, int(values.get("VmHWM", 0)) / 1024


class Worker:
    """``manage.py worker --batch`` in its own process: runs what is queued, then stops. Samples
    the resident memory of it and of any process it forks every 50 ms."""

    def __init__(self, backend):
        self.env = bootstrap.environment(
            TASKS_BACKEND=backend, EMAIL_URL=f"smtp://127.0.0.1:{SMTP_PORT}", SITE_URL="https://prevent.example.org"
        )
        self.peak_rss_mb = 0.0
        self.rss_before_mb = None

    def run(self):
        started = time.perf_counter()
        process = subprocess.Popen(  # noqa: S603 - our own manage.py
            [sys.executable, "manage.py", "worker", "--batch", "--interval=0.1", "-v0"],
            cwd=bootstrap.ROOT,
            env=self.env,
        )
        while process.poll() is None:
            for pid in process_tree(process.pid):
                memory = memory_mb(pid)
                if memory:
                    self.peak_rss_mb = max(self.peak_rss_mb, *memory)
            time.sleep(0.05)
        if process.returncode:
            raise SystemExit(f"manage.py worker exited with {process.returncode}")
        return time.perf_counter() - started


class Prober(threading.Thread):
    """The staff home through gunicorn every half second while the worker runs."""

    def __init__(self, server, cookies):
        super().__init__(daemon=True)
        self.server, self.cookies = server, cookies
        self.stop = threading.Event()
        self.timings, self.errors = [], 0

    def run(self):
        while not self.stop.is_set():
            started = time.perf_counter()
            try:
                status, _, _ = self.server.request("GET", "/", self.cookies)
            except OSError:
                status = None
            self.timings.append(time.perf_counter() - started)
            self.errors += status != 200
            self.stop.wait(0.5)


def remind_button(server, lead):
    """The Lead presses Remind on the chase list: (status, seconds)."""
    from django.conf import settings
    from django.urls import reverse

    from bench.throughput import session_for

    cookies = {settings.SESSION_COOKIE_NAME: session_for(lead)}
    status, set_cookie, html = server.request("GET", reverse("training:document-chase"), cookies)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1).decode()
    cookies[settings.CSRF_COOKIE_NAME] = re.search(rf"{settings.CSRF_COOKIE_NAME}=([^;]+)", set_cookie).group(1)
    started = time.perf_counter()
    status, _, _ = server.request("POST", reverse("training:document-remind"), cookies, f"csrfmiddlewaretoken={token}")
    return status, time.perf_counter() - started


def clear_reminders(today):
    from training.models import AcknowledgementReminder

    AcknowledgementReminder.objects.filter(sent_on=today).delete()


def reminders_database(inbox, web_workers):
    """The full path on the database queue: button and cron through the web side, one worker."""
    from django.conf import settings
    from django.db.models import Count, Max, Min
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from background.models import Job
    from bench.personas import personas
    from bench.throughput import Server, load, session_for
    from training.models import AcknowledgementReminder

    today = timezone.localdate()
    clear_reminders(today)
    DBTaskResult.objects.ready().delete()  # nothing left over from an interrupted run
    inbox.reset()
    p = personas()
    since = timezone.now()
    dead_mail = f"smtp://127.0.0.1:{free_port()}"  # nothing listens: the web side cannot send mail
    with Server(web_workers, EMAIL_URL=dead_mail, TASKS_BACKEND="database") as server:
        status, button_s = remind_button(server, p.lead)
        command = time.perf_counter()
        subprocess.run(  # noqa: S603 - the daily cron command
            [sys.executable, "manage.py", "send_acknowledgement_reminders", "-v0"],
            cwd=bootstrap.ROOT,
            env=bootstrap.environment(EMAIL_URL=dead_mail, TASKS_BACKEND="database"),
            check=True,
            capture_output=True,
        )
        command_s = time.perf_counter() - command
        queued = DBTaskResult.objects.ready().count()
        mail_before_worker = inbox.messages
        staff = {settings.SESSION_COOKIE_NAME: session_for(p.staff)}
        load(server, lambda: ("GET", "/", staff, None), 3, 2 * web_workers, 200)  # every web worker warm
        prober = Prober(server, staff)
        prober.start()
        worker = Worker("database")
        seconds = worker.run()
        prober.stop.set()
        prober.join()
    finished = DBTaskResult.objects.filter(enqueued_at__gte=since)
    span = finished.aggregate(first=Min("started_at"), last=Max("finished_at"))
    work_s = (span["last"] - span["first"]).total_seconds()
    per_school = dict(
        AcknowledgementReminder.objects.filter(sent_on=today)
        .values_list("school_id")
        .annotate(n=Count("pk"))
        .values_list("school_id", "n")
    )
    batches = sum(math.ceil(n / settings.EMAIL_BATCH_SIZE) for n in per_school.values())
    home = sorted(prober.timings)
    result = {
        "backend": "database",
        "remind_button": {"status": status, "ms": round(button_s * 1000, 1)},
        "cron_command_s": round(command_s, 2),
        "tasks_queued": queued,
        "emails_sent_before_worker": mail_before_worker,
        "tasks_done": finished.filter(status="SUCCESSFUL").count(),
        "task_seconds_max": round(
            max((t.finished_at - t.started_at).total_seconds() for t in finished if t.started_at and t.finished_at), 2
        ),
        "tasks_failed": finished.filter(status="FAILED").count(),
        "schools_reminded": len(per_school),
        "reminders_logged": sum(per_school.values()),
        "emails": inbox.messages,
        "connections": inbox.connections,
        "batches_expected": batches,
        "batch_size": settings.EMAIL_BATCH_SIZE,
        "most_emails_on_a_connection": max(inbox.per_connection.values(), default=0),
        "seconds": round(seconds, 1),
        "work_seconds": round(work_s, 1),
        "tasks_per_second": round(queued / work_s, 2),
        "emails_per_second": round(inbox.messages / work_s, 1),
        "worker_peak_rss_mb": round(worker.peak_rss_mb, 1),
        "staff_home_while_running": {
            "requests": len(home),
            "errors": prober.errors,
            "p50_ms": round(home[len(home) // 2] * 1000, 1) if home else None,
            "max_ms": round(home[-1] * 1000, 1) if home else None,
        },
    }
    Job.objects.filter(kind=Job.Kind.REMINDERS, created_at__gte=since).delete()
    clear_reminders(today)
    return result


def reminders_rq(inbox, schools):
    """The same tasks on RQ, queued directly for the first ``schools`` schools, one worker."""
    import django_rq
    from django.conf import settings
    from django.utils import timezone

    from accounts.models import School
    from training.tasks import send_document_reminders

    today = timezone.localdate()
    clear_reminders(today)
    inbox.reset()
    django_rq.get_connection("default").flushdb()
    ids = list(School.objects.order_by("pk").values_list("pk", flat=True)[:schools])
    for school_id in ids:
        send_document_reminders.enqueue(school_id=school_id, base_url="https://prevent.example.org")
    worker = Worker("rq")
    seconds = worker.run()
    work_s = rq_work_seconds() or seconds
    clear_reminders(today)
    return {
        "backend": "rq",
        "tasks_queued": len(ids),
        "emails": inbox.messages,
        "connections": inbox.connections,
        "batch_size": settings.EMAIL_BATCH_SIZE,
        "seconds": round(seconds, 1),
        "work_seconds": round(work_s, 1),
        "tasks_per_second": round(len(ids) / work_s, 2),
        "emails_per_second": round(inbox.messages / work_s, 1),
        "worker_peak_rss_mb": round(worker.peak_rss_mb, 1),
    }


def rq_work_seconds():
    """From the first finished RQ task's start to the last one's end (the worker's start-up left out)."""
    import django_rq
    from rq.job import Job as RQJob
    from rq.registry import FinishedJobRegistry

    queue = django_rq.get_queue("default")
    ids = FinishedJobRegistry(queue=queue).get_job_ids()
    jobs = [j for j in RQJob.fetch_many(ids, connection=queue.connection) if j and j.started_at and j.ended_at]
    if not jobs:
        return None
    return (max(j.ended_at for j in jobs) - min(j.started_at for j in jobs)).total_seconds()


def trust_pdfs(backend, count):
    """``count`` trust PDFs of the officer's whole authority, queued as the Build button does."""
    from background.jobs import job_start
    from background.models import Job
    from bench.personas import personas
    from compliance.reports import headlines
    from compliance.tasks import build_overview_pdf
    from core import periods

    p = personas()
    schools = list(p.school.organisation.schools.order_by("pk"))
    headlines.overview_rows(schools, periods.academic_year(), compute_missing=len(schools))  # as cron keeps them
    if backend == "rq":
        import django_rq

        django_rq.get_connection("default").flushdb()
    jobs = [
        job_start(kind=Job.Kind.TRUST_PDF, school=p.school, by=p.officer, task=build_overview_pdf, period_key="")
        for _ in range(count)
    ]
    worker = Worker(backend)
    seconds = worker.run()
    done = list(Job.objects.filter(pk__in=[j.pk for j in jobs], status=Job.Status.DONE))
    each = [(j.finished_at - j.started_at).total_seconds() for j in done if j.started_at and j.finished_at]
    size = max((j.result.size for j in done), default=0)
    for job in Job.objects.filter(pk__in=[j.pk for j in jobs]):
        job.result.delete(save=False)
        job.delete()
    return {
        "backend": backend,
        "schools": len(schools),
        "pdfs": len(done),
        "of": count,
        "seconds": round(seconds, 1),
        "seconds_each": [round(s, 1) for s in each],
        "pdfs_per_second": round(len(done) / sum(each), 3) if each else 0,
        "pdf_kb": round(size / 1024),
        "worker_peak_rss_mb": round(worker.peak_rss_mb, 1),
    }


def main():
    global SMTP_PORT
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pdfs", type=int, default=3)
    parser.add_argument("--backends", nargs="+", default=["database"], choices=["database", "rq"])
    parser.add_argument("--rq-schools", type=int, default=25, help="Schools whose reminders RQ sends.")
    parser.add_argument("--web-workers", type=int, default=2)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    SMTP_PORT = free_port()
    os.environ.setdefault("REDIS_URL", os.environ.get("REDIS_BENCH_URL", "redis://127.0.0.1:6379/14"))
    os.environ["TASKS_BACKEND"] = "database"
    bootstrap.setup()
    inbox = Inbox()
    server = smtp_server(inbox, SMTP_PORT)
    started = datetime.datetime.now(datetime.UTC)
    results = {"started": started.isoformat(timespec="seconds")}
    try:
        results["reminders"] = reminders_database(inbox, args.web_workers)
        print("reminders", json.dumps(results["reminders"]), flush=True)
        results["pdf"] = trust_pdfs("database", args.pdfs)
        print("trust PDFs", json.dumps(results["pdf"]), flush=True)
        if "rq" in args.backends:
            from django.conf import settings
            from django.core.signals import setting_changed

            settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
            settings.TASKS_BACKEND = "rq"
            setting_changed.send(sender=None, setting="TASKS", value=settings.TASKS, enter=True)
            results["rq_reminders"] = reminders_rq(inbox, args.rq_schools)
            print("RQ reminders", json.dumps(results["rq_reminders"]), flush=True)
            results["rq_pdf"] = trust_pdfs("rq", 1)
            print("RQ trust PDF", json.dumps(results["rq_pdf"]), flush=True)
    finally:
        server.stop()
    print(json.dumps(results, indent=1))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
