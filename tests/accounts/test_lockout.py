"""Sign-in lockout (django-axes) keyed on the email address and the network address together."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

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
    assert "the lock lifts by itself" in html
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


# Issue 14 (Medium): behind the TLS proxy every sign-in came from the proxy's address, so five
# wrong passwords from anywhere locked the DSL out until an administrator stepped in.

PROXY = "10.0.0.2"
ATTACKER_IP = "198.51.100.66"


def _sign_in_via_proxy(client, email, password, client_ip, forwarded_for=None):
    return client.post(
        LOGIN,
        {"username": email, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded_for if forwarded_for is not None else f"{client_ip}",
    )


@override_settings(TRUSTED_PROXIES=[PROXY])
def test_lockout_behind_the_proxy_is_keyed_on_the_client_not_the_proxy(client, dsl):
    for _ in range(settings.AXES_FAILURE_LIMIT + 2):
        _sign_in_via_proxy(client, dsl.email, "not the password", ATTACKER_IP)
    # The DSL at school, through the same proxy, still signs in.
    response = _sign_in_via_proxy(client.__class__(), dsl.email, PASSWORD, SCHOOL_IP)
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


@override_settings(TRUSTED_PROXIES=[PROXY])
def test_lockout_behind_the_proxy_still_locks_the_attacking_client(client, dsl):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in_via_proxy(client, dsl.email, "not the password", ATTACKER_IP)
    assert _sign_in_via_proxy(client, dsl.email, PASSWORD, ATTACKER_IP).status_code == 429


@override_settings(TRUSTED_PROXIES=[PROXY])
def test_lockout_takes_the_address_the_trusted_proxy_saw_not_one_the_client_wrote(client, dsl):
    # The client writes the school's address into the header; the proxy appends the real one.
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in_via_proxy(client, dsl.email, "not the password", None, forwarded_for=f"{SCHOOL_IP}, {ATTACKER_IP}")
    assert _sign_in_via_proxy(client.__class__(), dsl.email, PASSWORD, SCHOOL_IP).status_code == 302
    assert AccessAttempt.objects.get().ip_address == ATTACKER_IP


def test_lockout_ignores_forwarded_for_from_an_address_that_is_not_a_trusted_proxy(client, dsl):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            LOGIN,
            {"username": dsl.email, "password": "nope"},
            REMOTE_ADDR=ATTACKER_IP,
            HTTP_X_FORWARDED_FOR=SCHOOL_IP,
        )
    assert _sign_in(client.__class__(), dsl.email, PASSWORD).status_code == 302
    assert set(AuditEvent.objects.filter(action="sign_in_failed").values_list("ip_address", flat=True)) == {ATTACKER_IP}


@override_settings(TRUSTED_PROXIES=[PROXY])
def test_the_audit_trail_records_the_client_behind_the_trusted_proxy(client, staff):
    _sign_in_via_proxy(client, staff.email, "not the password", SCHOOL_IP)
    _sign_in_via_proxy(client, staff.email, PASSWORD, SCHOOL_IP)
    assert AuditEvent.objects.get(action="sign_in_failed").ip_address == SCHOOL_IP
    assert AuditEvent.objects.get(action="sign_in").ip_address == SCHOOL_IP


def test_lockout_lifts_by_itself_after_the_cool_off(client, staff):
    _fail_until_locked(client, staff.email)
    assert _sign_in(client, staff.email, PASSWORD).status_code == 429
    # Move the failures back in time past the cool-off instead of waiting for it.
    AccessAttempt.objects.update(attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(seconds=1))
    assert _sign_in(client, staff.email, PASSWORD).status_code == 302


def test_lockout_is_not_prolonged_by_trying_again_while_locked(client, staff):
    _fail_until_locked(client, staff.email)
    locked_at = AccessAttempt.objects.get().attempt_time
    _sign_in(client, staff.email, PASSWORD)
    _sign_in(client, staff.email, "not the password")
    assert AccessAttempt.objects.get().attempt_time == locked_at


def test_lockout_page_tells_the_person_when_to_try_again_and_what_else_to_do(client, staff):
    _fail_until_locked(client, staff.email)
    html = _sign_in(client, staff.email, PASSWORD).content.decode()
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    assert f"Try again in {minutes} minutes" in html
    assert reverse("password_reset") in html


@pytest.mark.parametrize(
    ("email", "spelling"),
    [
        ("sam@school.example", "ſam@school.example"),  # LATIN SMALL LETTER LONG S
        ("tim@school.example", "tım@school.example"),  # LATIN SMALL LETTER DOTLESS I
        ("kate@school.example", "\u212aate@school.example"),  # KELVIN SIGN
    ],
)
def test_lockout_is_not_bypassed_by_unicode_spellings_of_the_email(client, school, email, spelling):
    from accounts.models import Role
    from tests.factories import member

    member(school, Role.STAFF, email=email)
    _fail_until_locked(client, email)
    response = _sign_in(client, spelling, PASSWORD)
    assert response.status_code != 302
    assert "_auth_user_id" not in client.session


def test_lockout_counts_unicode_spellings_as_the_same_email(client, staff):
    # Five failures spread over spellings that the database would match to the same account.
    for spelling in ["ſam@school.example", "SAM@school.example", "ſAM@school.example", "sam@school.example"] * 2:
        _sign_in(client, spelling, "not the password")
    assert _sign_in(client, staff.email, PASSWORD).status_code == 429


def test_sign_in_refuses_a_name_that_is_not_ascii_after_normalising(client, school):
    from accounts.models import Role
    from tests.factories import member

    member(school, Role.STAFF, email="tim@school.example")
    assert _sign_in(client, "tım@school.example", PASSWORD).status_code == 200
    assert "_auth_user_id" not in client.session


def test_sign_in_accepts_a_compatibility_spelling_that_normalises_to_the_email(client, school):
    from accounts.models import Role
    from tests.factories import member

    member(school, Role.STAFF, email="kim@school.example")
    assert _sign_in(client, "\u212aim@school.example", PASSWORD).status_code == 302
