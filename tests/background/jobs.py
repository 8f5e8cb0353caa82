"""Driving a background job from a test, as the person who starts it does: the POST, the task
(the tests' immediate backend runs it when the request's transaction commits), the job's page."""

from django.test import TestCase
from django.urls import reverse

from background.models import Job


def start_job(client, url, data=None):
    """POST ``url`` (which starts a job); the Job, with its task already run."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(url, data or {})
    assert response.status_code == 302, response.status_code
    job = Job.objects.get(pk=response["Location"].rstrip("/").split("/")[-1])
    job.refresh_from_db()
    return job


def job_result(client, job):
    """The file the job made, as its download link gives it: (response, bytes)."""
    response = client.get(reverse("background:job-download", args=[job.pk]))
    assert response.status_code == 200, response.status_code
    return response, b"".join(response.streaming_content)


def overview_pdf(client, period=None):
    """The trust's combined PDF, built through its job: (response, PDF bytes)."""
    job = start_job(client, reverse("compliance:overview-pdf"), {"period": period} if period else {})
    assert job.status == Job.Status.DONE, job.message
    return job_result(client, job)
