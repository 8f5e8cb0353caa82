"""A mail server that never answers costs a bounded wait, holds no transaction (issue 16, item 13).

Before: the reminder job sent each email inside a transaction with no SMTP timeout, so a silent
server hung the job while it held the transaction, and the Lead's Remind button hung a worker
(it now only queues a task: training/tasks.py).
Here the mail servers are real: a socket that accepts and never speaks, and aiosmtpd servers
on 127.0.0.1 that hang in the middle of the conversation or deliver.
"""

import asyncio
import socket
import threading
import time

import pytest
from aiosmtpd.controller import Controller
from django.core.management import CommandError, call_command
from django.db import connection, connections
from django.test import override_settings
from django.urls import reverse

from training.models import AcknowledgementReminder, TrainingReminder
from training.services.documents import acknowledgement_reminders_send

from ..background.jobs import start_job
from ..training.factories_courses import CourseFactory
from ..training.factories_documents import document

TIMEOUT = 1  # EMAIL_TIMEOUT for these tests, in seconds
BOUND = 10  # what "finishes promptly" means here: a hung server before meant forever


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def silent_server():
    """Accepts connections and never says a word (not even the SMTP greeting)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    accepted, stop = [], threading.Event()

    def accept():
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    stop.set()
    thread.join()
    for conn in accepted:
        conn.close()
    listener.close()


class _Hangs:
    """Greets, accepts the sender and recipients, then never answers the message itself."""

    async def handle_DATA(self, server, session, envelope):
        await asyncio.sleep(60)
        return "250 OK"


class _Delivers:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 Message accepted"


def _smtp_server(handler):
    controller = Controller(handler, hostname="127.0.0.1", port=_free_port())
    controller.start()
    return controller


@pytest.fixture
def hanging_server():
    controller = _smtp_server(_Hangs())
    yield controller.port
    controller.stop()


@pytest.fixture
def delivering_server():
    handler = _Delivers()
    controller = _smtp_server(handler)
    yield controller.port, handler
    controller.stop()


def _smtp(port):
    return override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=port,
        EMAIL_USE_TLS=False,
        EMAIL_USE_SSL=False,
        EMAIL_HOST_USER="",
        EMAIL_HOST_PASSWORD="",
        EMAIL_TIMEOUT=TIMEOUT,
    )


@pytest.mark.django_db
@pytest.mark.parametrize("server", ["silent_server", "hanging_server"])
def test_the_reminder_job_gives_up_promptly_and_marks_nobody(request, server, school, lead, staff, dsl):
    document(school, lead)
    port = request.getfixturevalue(server)
    started = time.monotonic()
    with _smtp(port), pytest.raises(CommandError, match="0 sent, 3 not sent"):
        call_command("send_acknowledgement_reminders", now=True)
    assert time.monotonic() - started < BOUND
    # Nobody is recorded as reminded: the next run, with the server back, sends them all.
    assert AcknowledgementReminder.objects.count() == 0


@pytest.mark.django_db
def test_after_the_outage_the_next_run_sends_everything(silent_server, delivering_server, school, lead, staff):
    document(school, lead)
    with _smtp(silent_server), pytest.raises(CommandError):
        call_command("send_acknowledgement_reminders", now=True)
    port, handler = delivering_server
    with _smtp(port):
        call_command("send_acknowledgement_reminders", now=True)
    assert sorted(m.rcpt_tos[0] for m in handler.messages) == sorted([lead.email, staff.email])
    assert AcknowledgementReminder.objects.count() == 2


@pytest.mark.django_db
def test_the_training_reminder_job_gives_up_promptly_too(silent_server, school, lead, staff):
    CourseFactory(school=school)  # required of every member of staff, whom nobody has trained
    started = time.monotonic()
    with _smtp(silent_server), pytest.raises(CommandError, match="not sent"):
        call_command("send_training_reminders", now=True)
    assert time.monotonic() - started < BOUND
    assert TrainingReminder.objects.count() == 0


@pytest.mark.django_db
def test_the_remind_button_answers_at_once_and_its_job_says_what_failed(silent_server, login, school, lead, staff):
    """The request only queues the task; the task gives up promptly and the job's page says why.
    (The tests' immediate backend cannot wait to retry, so the job ends: tests/background retries.)"""
    document(school, lead)
    client = login(lead)
    started = time.monotonic()
    with _smtp(silent_server):
        job = start_job(client, reverse("training:document-remind"))
    assert time.monotonic() - started < BOUND
    html = client.get(job.get_absolute_url()).content.decode()
    assert "could not be sent because the mail server could not be reached" in html
    assert "press Remind again later" in html
    assert AcknowledgementReminder.objects.count() == 0


@pytest.mark.django_db
def test_reminders_arrive_through_a_real_smtp_server(delivering_server, school, lead, staff):
    document(school, lead)
    port, handler = delivering_server
    with _smtp(port):
        assert acknowledgement_reminders_send(school=school) == 2
    assert {m.rcpt_tos[0] for m in handler.messages} == {lead.email, staff.email}
    assert b"Keeping children safe in education" in handler.messages[0].content


@pytest.mark.skipif(connection.vendor != "postgresql", reason="reads PostgreSQL's pg_stat_activity")
@pytest.mark.django_db(transaction=True)
def test_no_transaction_is_held_while_the_mail_server_hangs(hanging_server):
    from accounts.models import Role
    from tests.factories import SchoolFactory, member

    school = SchoolFactory()
    lead = member(school, Role.STAFF, Role.PREVENT_LEAD, email="lead@hang.example")
    member(school, Role.STAFF, email="staff@hang.example")
    document(school, lead)
    outcome = []

    def job():
        try:
            with _smtp(hanging_server):
                call_command("send_acknowledgement_reminders", now=True)
        except CommandError as error:
            outcome.append(str(error))
        finally:
            connections.close_all()

    thread = threading.Thread(target=job)
    thread.start()
    # While the job waits on the server: the reminder rows are committed (another connection
    # can lock them at once) and no session of this database sits in an open transaction.
    deadline = time.monotonic() + BOUND
    claimed = 0
    while thread.is_alive() and not claimed and time.monotonic() < deadline:
        claimed = AcknowledgementReminder.objects.count()
    assert claimed, "the job should have claimed its reminders before sending"
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM training_acknowledgementreminder FOR UPDATE NOWAIT")
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND state LIKE 'idle in transaction%%' AND pid <> pg_backend_pid()"
        )
        assert cursor.fetchone()[0] == 0
    thread.join(timeout=BOUND)
    assert not thread.is_alive()
    assert outcome and "not sent" in outcome[0]
