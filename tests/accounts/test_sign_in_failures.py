"""Failed sign-ins in the audit trail: every one for a real account, a bounded few for unknown names.

Issue 14 (Low): every failed sign-in by a name with no account added a permanent row to the
append-only trail, so anyone could grow it without bound by trying made-up addresses.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import AuditEvent
from accounts.signals import UNKNOWN_NAME_ROWS_PER_WINDOW, UNKNOWN_NAME_WINDOW

pytestmark = pytest.mark.django_db
LOGIN = reverse("login")


def _fail(client, email, ip="203.0.113.7"):
    client.post(LOGIN, {"username": email, "password": "not the password"}, REMOTE_ADDR=ip)


def _failures():
    return AuditEvent.objects.filter(action="sign_in_failed")


def test_failed_sign_ins_by_unknown_names_from_one_address_add_one_audit_row_per_window(client):
    for n in range(40):
        _fail(client, f"nobody{n}@spray.example")
    assert _failures().count() == 1
    event = _failures().get()
    assert event.changes["email"] == "nobody0@spray.example"
    assert event.object_id == ""


def test_failed_sign_ins_by_unknown_names_from_many_addresses_stay_under_the_ceiling(client):
    for n in range(UNKNOWN_NAME_ROWS_PER_WINDOW + 15):
        _fail(client, f"nobody{n}@spray.example", ip=f"198.51.100.{n + 1}")
    assert _failures().count() == UNKNOWN_NAME_ROWS_PER_WINDOW


def test_failed_sign_ins_by_unknown_names_are_recorded_again_after_the_window(client, monkeypatch):
    _fail(client, "nobody@spray.example")
    _fail(client, "nobody-too@spray.example")
    later = timezone.now() + UNKNOWN_NAME_WINDOW + timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    _fail(client, "nobody-again@spray.example")
    assert list(_failures().order_by("pk").values_list("changes__email", flat=True)) == [
        "nobody@spray.example",
        "nobody-again@spray.example",
    ]


def test_failed_sign_ins_for_a_real_account_are_each_recorded_against_it(client, staff):
    for _ in range(3):
        _fail(client, staff.email)
    _fail(client, "nobody@spray.example")
    _fail(client, "SAM@school.example")
    rows = _failures().filter(object_id=str(staff.pk))
    assert rows.count() == 4
    assert {e.changes["email"] for e in rows} == {staff.email, "SAM@school.example"}
