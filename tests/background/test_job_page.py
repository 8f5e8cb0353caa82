"""A job's page: what it is doing, refreshing itself (a meta refresh: no script) until it ends,
then what happened and the file it made. Only the person who started it sees it."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from background.models import Job

pytestmark = pytest.mark.django_db


@pytest.fixture
def job(school, lead):
    return Job.objects.create(school=school, started_by=lead, kind=Job.Kind.TRUST_PDF)


def test_it_says_it_is_waiting_and_refreshes_itself(login, lead, job):
    html = login(lead).get(job.get_absolute_url()).content.decode()
    assert "Waiting to start" in html and "refresh it" in html
    assert '<meta http-equiv="refresh" content="3">' in html


def test_it_shows_how_far_a_running_job_has_got(login, lead, job):
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, done=40, total=120)
    html = login(lead).get(job.get_absolute_url()).content.decode()
    assert "40 of 120 done" in html and 'max="120" value="40"' in html


def test_when_done_it_stops_refreshing_and_offers_the_file(login, lead, job):
    job.status, job.message, job.result_name = Job.Status.DONE, "The combined PDF is ready.", "overview.pdf"
    job.result.save("overview.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    client = login(lead)
    html = client.get(job.get_absolute_url()).content.decode()
    assert "The combined PDF is ready." in html and "http-equiv" not in html
    response = client.get(reverse("background:job-download", args=[job.pk]))
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test"
    assert 'filename="overview.pdf"' in response["Content-Disposition"]


def test_a_failed_job_says_what_went_wrong(login, lead, job):
    Job.objects.filter(pk=job.pk).update(status=Job.Status.FAILED, message="Nothing was imported.")
    html = login(lead).get(job.get_absolute_url()).content.decode()
    assert "Nothing was imported." in html and "http-equiv" not in html


def test_there_is_nothing_to_download_before_it_is_done(login, lead, job):
    assert login(lead).get(reverse("background:job-download", args=[job.pk])).status_code == 404


def test_someone_else_in_the_school_gets_a_404(login, head, job):
    assert login(head).get(job.get_absolute_url()).status_code == 404


def test_a_job_that_ends_in_an_error_says_so(school, lead, monkeypatch):
    from django.test import TestCase

    from background.jobs import job_start
    from compliance.tasks import build_overview_pdf

    def broken(**kwargs):
        raise RuntimeError("the PDF renderer crashed")

    monkeypatch.setattr("compliance.tasks.overview_pdf_build", broken)
    with TestCase.captureOnCommitCallbacks(execute=True):
        job = job_start(kind=Job.Kind.TRUST_PDF, school=school, by=lead, task=build_overview_pdf, period_key="")
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and job.finished_at is not None
    assert job.message == "It stopped because of an error on our side. Please try again."


def test_a_queue_that_does_not_answer_fails_the_job_and_says_so(login, lead, school, settings):
    """The request's work is saved; its job says it could not start, rather than wait for ever."""
    from tests.background.jobs import start_job
    from training.models import AcknowledgementReminder

    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    settings.RQ_QUEUES = {"default": {"URL": "redis://127.0.0.1:1/0", "SOCKET_CONNECT_TIMEOUT": 1}}
    client = login(lead)
    job = start_job(client, reverse("training:document-remind"))
    assert job.status == Job.Status.FAILED
    html = client.get(job.get_absolute_url()).content.decode()
    assert "the task queue did not answer" in html
    assert AcknowledgementReminder.objects.count() == 0
