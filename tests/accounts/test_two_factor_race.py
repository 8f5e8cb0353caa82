"""A one-time code sent by several sessions at the same moment opens one of them only.

Issue 14 (Low): eight sessions submitting one recovery code at once had it accepted twice on
PostgreSQL: each read the code before any had used it up. Real threads and connections are
needed, and a short pause is put between reading a code and using it up so that the race
happens every time instead of sometimes.
"""

import threading
import time
from binascii import unhexlify

import pytest
from django.db import connection
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import two_factor
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite takes its write lock at BEGIN (transaction_mode IMMEDIATE), so the race cannot happen there",
    ),
]
SESSIONS = 8


def _at_once(device_model, pk, code):
    """Verify ``code`` from SESSIONS threads at the same moment; the list of their answers."""
    barrier = threading.Barrier(SESSIONS)
    answers = []

    def session():
        try:
            device = device_model.objects.get(pk=pk)
            barrier.wait()
            answers.append(two_factor.verify_device(device, code))
        finally:
            connection.close()

    threads = [threading.Thread(target=session) for _ in range(SESSIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return answers


def _slowly(monkeypatch, model, method):
    original = getattr(model, method)

    def slow(self, *args, **kwargs):
        time.sleep(0.3)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(model, method, slow)


def test_a_recovery_code_sent_by_eight_sessions_at_once_is_accepted_once(monkeypatch):
    device = StaticDevice.objects.create(user=UserFactory(), name="Recovery codes", confirmed=True)
    StaticToken.objects.create(device=device, token="0a1b2c3d4e")
    _slowly(monkeypatch, StaticToken, "delete")
    answers = _at_once(StaticDevice, device.pk, "0a1b2c3d4e")
    assert len(answers) == SESSIONS
    assert answers.count(True) == 1
    assert not StaticToken.objects.filter(device=device).exists()


def test_an_authenticator_code_sent_by_eight_sessions_at_once_is_accepted_once(monkeypatch):
    device = TOTPDevice.objects.create(user=UserFactory(), name="Authenticator app", confirmed=True)
    totp = TOTP(unhexlify(device.key))
    totp.time = time.time()
    _slowly(monkeypatch, TOTPDevice, "save")
    answers = _at_once(TOTPDevice, device.pk, f"{totp.token():06d}")
    assert len(answers) == SESSIONS
    assert answers.count(True) == 1
