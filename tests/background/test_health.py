"""/health/ for the load balancer: no sign-in, no school data, 503 naming the part that failed."""

import pytest
from django.db import OperationalError
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db


def test_it_says_ok_without_signing_in(client, school):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json()["status"] == "ok" and response.json()["database"] == "ok"
    assert response.json()["queue"]["status"] == "ok"
    assert "no-store" in response["Cache-Control"]
    assert school.name not in response.content.decode()  # no school data, ever


def test_it_is_plain_http_for_the_balancer_even_where_https_is_enforced(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get(reverse("health")).status_code == 200
    assert client.get(reverse("login")).status_code == 301


def test_a_database_that_does_not_answer_is_a_503(client, monkeypatch):
    def down():
        raise OperationalError("could not connect to server")

    monkeypatch.setattr("background.health.database_ok", down)
    response = client.get(reverse("health"))
    assert response.status_code == 503
    assert response.json()["status"] == "failing: database"
    assert response.json()["database"] == "failing"


def test_a_queue_that_cannot_be_reached_is_a_503(client, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    settings.RQ_QUEUES = {"default": {"URL": "redis://127.0.0.1:1/0", "SOCKET_CONNECT_TIMEOUT": 1}}
    response = client.get(reverse("health"))
    assert response.status_code == 503
    assert response.json() == {"database": "ok", "queue": {"status": "failing"}, "status": "failing: queue"}


def test_the_database_queue_reports_what_waits_and_what_failed(client, settings, school):
    from django_tasks_db.models import DBTaskResult

    from training.tasks import send_document_reminders

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    send_document_reminders.enqueue(school_id=school.pk)
    failed = send_document_reminders.enqueue(school_id=school.pk)
    DBTaskResult.objects.filter(pk=failed.id).update(status="FAILED", finished_at=timezone.now())
    queue = client.get(reverse("health")).json()["queue"]
    assert queue == {"status": "ok", "backend": "database", "waiting": 1, "oldest_seconds": 0, "failed_last_day": 1}
