"""The work that left the request, run as production runs it: on the database queue and on RQ
with Redis, by a worker (here in the test's process), after the request's transaction commits."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import Membership, User
from background.jobs import job_start
from background.models import Job
from notifications.models import EmailState, Kind, Notification
from notifications.services import notify
from training.models import AcknowledgementReminder
from training.tasks import send_document_reminders

from ..accounts.test_staff_import import confirmed, upload
from ..compliance.reports_text import pdf_text
from ..training.factories_documents import document
from .conftest import run_due
from .mail import CountingBackend

pytestmark = pytest.mark.django_db(transaction=True)


def _job(response):
    assert response.status_code == 302, response.status_code
    return Job.objects.get(pk=response["Location"].rstrip("/").split("/")[-1])


def test_the_remind_button_queues_and_a_worker_sends_in_batches(queue, login, settings, school, lead, staff, dsl, head):
    settings.EMAIL_BACKEND = "tests.background.mail.CountingBackend"
    settings.EMAIL_BATCH_SIZE = 3
    CountingBackend.opened = 0
    document(school, lead)
    client = login(lead)
    job = _job(client.post(reverse("training:document-remind")))
    # The request only queued the work: nothing is sent until a worker takes it.
    assert job.status == Job.Status.WAITING and mail.outbox == []
    assert queue.waiting()["ready"] == 1
    assert "Waiting to start" in client.get(job.get_absolute_url()).content.decode()
    queue.run()
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and (job.done, job.total) == (4, 4)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in (lead, staff, dsl, head))
    assert CountingBackend.opened == 2  # 4 emails in batches of 3: one connection each
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Reminder emails sent to 4 people." in page and 'http-equiv="refresh"' not in page


def test_a_mail_server_that_fails_is_tried_again_later_and_nobody_gets_two(queue, login, settings, school, lead, staff):
    settings.EMAIL_BACKEND = "tests.background.mail.UnreachableBackend"
    document(school, lead)
    client = login(lead)
    job = _job(client.post(reverse("training:document-remind")))
    queue.run()
    job.refresh_from_db()
    assert job.status == Job.Status.RETRYING
    assert "could not be reached" in job.message and "tried again at" in job.message
    assert AcknowledgementReminder.objects.count() == 0  # nobody is marked as reminded
    assert queue.waiting() == {"ready": 0, "later": 1}
    page = client.get(job.get_absolute_url()).content.decode()
    assert "tried again at" in page and 'http-equiv="refresh"' in page
    # The server is back; once the wait is over, the retry sends to everyone, once.
    settings.EMAIL_BACKEND = "tests.background.mail.CountingBackend"
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=2)):
        run_due(queue)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.message
    assert sorted(m.to[0] for m in mail.outbox) == sorted([lead.email, staff.email])
    assert AcknowledgementReminder.objects.count() == 2
    assert queue.waiting() == {"ready": 0, "later": 0}


def test_the_daily_command_queues_a_task_per_school(queue, school, other_school, lead, outsider):
    from django.core.management import call_command

    document(school, lead)
    call_command("send_acknowledgement_reminders", base_url="https://prevent.example.org")
    assert queue.waiting()["ready"] == 2 and mail.outbox == []
    queue.run()
    assert {m.to[0] for m in mail.outbox} == {lead.email}
    call_command("send_acknowledgement_reminders", base_url="https://prevent.example.org")
    queue.run()
    assert len(mail.outbox) == 1  # once a day each, however often it runs


def test_work_is_queued_only_when_the_transaction_commits(queue, school, lead):
    with pytest.raises(RuntimeError), transaction.atomic():
        job_start(kind=Job.Kind.REMINDERS, school=school, by=lead, task=send_document_reminders, school_id=school.pk)
        raise RuntimeError("the request failed after starting the job")
    assert queue.waiting()["ready"] == 0 and not Job.objects.exists()
    job_start(kind=Job.Kind.REMINDERS, school=school, by=lead, task=send_document_reminders, school_id=school.pk)
    assert queue.waiting()["ready"] == 1


STAFF = "name,email,job title,roles\n" + "".join(
    f"Person {n},person{n}@school.example,Teacher,staff\n" for n in range(1, 6)
)


def test_a_large_staff_list_is_imported_by_a_task(queue, login, settings, lead, school):
    settings.STAFF_IMPORT_BACKGROUND_ROWS = 3
    client = login(lead)
    job = _job(client.post(reverse("accounts:member-import"), confirmed(upload(client, STAFF))))
    assert job.kind == Job.Kind.STAFF_IMPORT and not User.objects.filter(email="person1@school.example").exists()
    queue.run()
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.message
    assert job.message.startswith("Imported 5 people: 5 new (invited by email to set a password)")
    assert Membership.objects.filter(school=school, user__email__startswith="person").count() == 5
    assert len(mail.outbox) == 5  # the invitations, after the import's commit
    assert job.payload == {}  # the list is saved where it belongs, not kept on the job


def test_a_staff_list_import_in_a_task_is_still_all_or_nothing(queue, login, settings, monkeypatch, lead, school):
    from django.core.exceptions import ValidationError

    import accounts.services

    settings.STAFF_IMPORT_BACKGROUND_ROWS = 3
    client = login(lead)
    job = _job(client.post(reverse("accounts:member-import"), confirmed(upload(client, STAFF))))
    member_add = accounts.services.member_add

    def fails_on_the_last(**kwargs):
        if kwargs["email"] == "person5@school.example":
            raise ValidationError("This address cannot be used.")
        return member_add(**kwargs)

    monkeypatch.setattr(accounts.services, "member_add", fails_on_the_last)
    queue.run()
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert "Nothing was imported. Line 6 (person5@school.example)" in job.message
    assert not User.objects.filter(email__startswith="person").exists() and mail.outbox == []


def test_the_trust_pdf_is_built_by_a_worker_and_offered_for_download(queue, login, school, lead, trust):
    client = login(trust)
    job = _job(client.post(reverse("compliance:overview-pdf")))
    assert "Waiting to start" in client.get(job.get_absolute_url()).content.decode()
    queue.run()
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and job.result_name.endswith(".pdf")
    page = client.get(job.get_absolute_url()).content.decode()
    assert reverse("background:job-download", args=[job.pk]) in page
    response = client.get(reverse("background:job-download", args=[job.pk]))
    assert school.name in pdf_text(b"".join(response.streaming_content))


def test_the_inspection_pack_is_built_by_a_worker_and_offered_for_download(queue, login, school, lead):
    import io
    import zipfile

    client = login(lead)
    job = _job(client.post(reverse("compliance:inspection-pack-build")))
    assert job.kind == Job.Kind.INSPECTION_PACK
    assert "Waiting to start" in client.get(job.get_absolute_url()).content.decode()
    queue.run()
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and job.result_name.endswith(".zip") and job.done == job.total - 1
    response = client.get(reverse("background:job-download", args=[job.pk]))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert "manifest.json" in archive.namelist()


def test_notification_emails_are_sent_by_a_worker_after_the_commit(queue, school, lead, head):
    before = queue.waiting()["ready"]  # other work the fixtures queued (headline figures)
    with transaction.atomic():
        notify(school=school, recipients=[lead, head], kind=Kind.SPEAKER_REQUEST, text="A new speaker request")
        assert queue.waiting()["ready"] == before  # nothing is queued before the commit
    assert queue.waiting()["ready"] == before + 1 and mail.outbox == []  # one task for the batch
    queue.run()
    assert sorted(m.to[0] for m in mail.outbox) == sorted([lead.email, head.email])
    assert set(Notification.objects.values_list("email_state", flat=True)) == {EmailState.SENT}


def test_the_health_check_sees_the_queue(queue, client):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json()["queue"]["backend"] == queue.name
