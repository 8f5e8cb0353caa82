"""Sign-in lockout (django-axes) keyed on the email address and the network address together."""

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from accounts.models import AuditEvent
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db
LOGIN = reverse("login")
SCHOOL_IP = "203.0.113.7"  # every member of staff signs in from the school's one address


def _sign_in(client, email, password, ip=SCHOOL_IP):
    return client.post(LOGIN, {"username": email, "password": password}, REMOTE_ADDR=ip)


def _fail_until_locked(client, email, ip=SCHOOL_IP):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, email, "not the password", ip)


def test_it_locks_the_account_on_that_network_after_the_failure_limit(client, staff):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _sign_in(client, staff.email, "not the password").status_code == 200
    response = _sign_in(client, staff.email, "not the password")
    assert response.status_code == 429
    # Even the right password is refused now, with a message that says what to do.
    response = _sign_in(client, staff.email, PASSWORD)
    assert response.status_code == 429
    html = response.content.decode()
    assert "Sign-in is locked" in html
    assert "Ask your school's site administrator to unlock it" in html
    assert "_auth_user_id" not in client.session


def test_changing_the_case_of_the_email_does_not_give_more_attempts(client, staff):
    for variant in [
        "SAM@school.example",
        "Sam@School.example",
        "sam@SCHOOL.example",
        " sam@school.example",
        "SAM@SCHOOL.EXAMPLE",
    ]:
        _sign_in(client, variant, "not the password")
    assert _sign_in(client, staff.email, PASSWORD).status_code == 429


def test_another_person_at_the_same_school_still_signs_in(client, staff, lead):
    _fail_until_locked(client, staff.email)
    response = _sign_in(client, lead.email, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_the_same_person_from_another_network_is_not_locked(client, staff):
    _fail_until_locked(client, staff.email)
    assert _sign_in(client, staff.email, PASSWORD, ip="198.51.100.20").status_code == 302


def test_an_administrator_unlocks_with_the_management_command(client, staff):
    _fail_until_locked(client, staff.email)
    assert _sign_in(client, staff.email, PASSWORD).status_code == 429
    call_command("axes_reset_username", staff.email)
    assert _sign_in(client, staff.email, PASSWORD).status_code == 302


def test_an_administrator_unlocks_in_the_admin(client, staff):
    from tests.factories import UserFactory

    _fail_until_locked(client, staff.email)
    attempt = AccessAttempt.objects.get(username=staff.email)
    admin_client = client.__class__()
    admin_client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = admin_client.post(
        reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"}, REMOTE_ADDR="192.0.2.1"
    )
    assert response.status_code == 302
    assert _sign_in(client, staff.email, PASSWORD).status_code == 302


def test_failed_and_successful_sign_ins_are_in_the_audit_trail(client, staff):
    _sign_in(client, staff.email, "not the password")
    _sign_in(client, staff.email, PASSWORD)
    failed = AuditEvent.objects.get(action="sign_in_failed")
    assert failed.changes == {"email": staff.email}
    assert failed.ip_address == SCHOOL_IP
    assert "not the password" not in str(failed.changes)
    signed_in = AuditEvent.objects.get(action="sign_in")
    assert signed_in.actor == staff
    assert signed_in.ip_address == SCHOOL_IP


def test_signing_out_is_in_the_audit_trail(client, staff):
    _sign_in(client, staff.email, PASSWORD)
    client.post(reverse("logout"), REMOTE_ADDR=SCHOOL_IP)
    assert AuditEvent.objects.filter(action="sign_out", actor=staff).exists()
