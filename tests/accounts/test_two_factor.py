"""Two-factor sign-in for the roles that see sensitive records and for site administrators."""

import re
import time
from binascii import unhexlify

import pytest
from django.test import override_settings
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import AuditEvent
from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("two_factor_on")]
HOME = reverse("home")
ENROL = reverse("accounts:two-factor-enrol")
VERIFY = reverse("accounts:two-factor-verify")


@pytest.fixture
def two_factor_on():
    # No throttling delay between attempts, so that a test may try a wrong code then a right one.
    with override_settings(REQUIRE_2FA=True, OTP_TOTP_THROTTLE_FACTOR=0, OTP_STATIC_THROTTLE_FACTOR=0):
        yield


def code_for(key, steps_ahead=0):
    totp = TOTP(unhexlify(key))
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


def sign_in(client, user):
    response = client.post(reverse("login"), {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return client


def enrol(client):
    """Set up the authenticator through the pages; returns (device key, recovery codes)."""
    client.get(ENROL)
    key = client.session["two_factor_pending_key"]
    response = client.post(ENROL, {"code": code_for(key), "next": HOME})
    assert response.status_code == 200, response.content
    codes = re.findall(r"<li><code>([0-9a-f]+)</code></li>", response.content.decode())
    return key, codes


@pytest.mark.parametrize("persona", ["lead", "dsl", "head", "trust"])
def test_sensitive_roles_must_set_up_two_factor_before_any_page(client, request, persona):
    sign_in(client, request.getfixturevalue(persona))
    for url in [HOME, reverse("accounts:audit-list"), reverse("password_change")]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(ENROL + "?next=")


@pytest.mark.parametrize("persona", ["staff", "governor"])
def test_other_roles_sign_in_with_their_password_alone(client, request, persona):
    sign_in(client, request.getfixturevalue(persona))
    assert client.get(HOME).status_code == 200


@override_settings(REQUIRE_2FA=False)
def test_nobody_is_asked_when_two_factor_is_off(client, lead):
    sign_in(client, lead)
    assert client.get(HOME).status_code == 200


def test_the_enrolment_page_shows_a_qr_code_without_inline_style_or_script(client, lead):
    sign_in(client, lead)
    response = client.get(ENROL)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'src="data:image/svg+xml;base64,' in html
    assert "style=" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


def test_enrolling_shows_recovery_codes_once_and_opens_the_site(client, lead):
    sign_in(client, lead)
    key, codes = enrol(client)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert client.get(HOME).status_code == 200
    assert TOTPDevice.objects.get(user=lead).confirmed
    assert AuditEvent.objects.filter(actor=lead, object_type="otp_totp.totpdevice", action="create").exists()
    # Shown once: the enrolment page now offers a new set-up, never the same codes.
    assert codes[0] not in client.get(ENROL).content.decode()


def test_a_wrong_code_at_enrolment_sets_nothing_up(client, lead):
    sign_in(client, lead)
    client.get(ENROL)
    response = client.post(ENROL, {"code": "000000x"})
    assert "That code is not right" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=lead).exists()
    assert client.get(HOME).status_code == 302


def test_next_sign_in_asks_for_a_code_and_each_code_works_once(client, lead):
    sign_in(client, lead)
    key, _ = enrol(client)
    client.post(reverse("logout"))

    sign_in(client, lead)
    response = client.get(HOME)
    assert response["Location"].startswith(VERIFY)
    # The code used to enrol has been used: it does not open the site again.
    response = client.post(VERIFY, {"code": code_for(key), "next": HOME})
    assert "has been used already" in response.content.decode()
    assert client.get(HOME).status_code == 302
    # The app's next code does.
    next_code = code_for(key, steps_ahead=1)
    response = client.post(VERIFY, {"code": next_code, "next": HOME})
    assert response.status_code == 302 and response["Location"] == HOME
    assert client.get(HOME).status_code == 200
    client.post(reverse("logout"))

    sign_in(client, lead)
    response = client.post(VERIFY, {"code": next_code, "next": HOME})
    assert response.status_code == 200
    assert client.get(HOME).status_code == 302


def test_a_recovery_code_works_once(client, lead):
    sign_in(client, lead)
    _, codes = enrol(client)
    client.post(reverse("logout"))

    sign_in(client, lead)
    response = client.post(VERIFY, {"code": codes[3].upper(), "next": HOME})
    assert response.status_code == 302
    assert client.get(HOME).status_code == 200
    assert StaticToken.objects.filter(device__user=lead).count() == 9
    client.post(reverse("logout"))

    sign_in(client, lead)
    client.post(VERIFY, {"code": codes[3]})
    assert client.get(HOME).status_code == 302


def test_it_never_sends_people_to_another_site_after_the_code(client, lead):
    sign_in(client, lead)
    key, _ = enrol(client)
    client.post(reverse("logout"))
    sign_in(client, lead)
    response = client.post(VERIFY, {"code": code_for(key, 1), "next": "https://evil.example/"})
    assert response["Location"] == HOME


def test_the_admin_needs_a_verified_code(client):
    admin_user = UserFactory(is_staff=True, is_superuser=True)
    sign_in(client, admin_user)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(ENROL)
    key, _ = enrol(client)
    assert client.get(reverse("admin:index")).status_code == 200


def test_signing_out_works_before_the_code(client, lead):
    sign_in(client, lead)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


# Issue 14 (Medium): anyone at a signed-in, verified session could replace the authenticator
# (and so take the account over for good) without proving they are its owner.


def _start_replacing(client, lead):
    sign_in(client, lead)
    old_key, _ = enrol(client)
    client.get(ENROL)
    return old_key, client.session["two_factor_pending_key"]


def test_replacing_the_authenticator_requires_reauthentication(client, lead):
    old_key, new_key = _start_replacing(client, lead)
    response = client.post(ENROL, {"code": code_for(new_key), "next": HOME})
    assert response.status_code == 200
    assert "password" in response.content.decode()
    assert TOTPDevice.objects.get(user=lead).key == old_key


def test_replacing_the_authenticator_refuses_a_wrong_password(client, lead):
    old_key, new_key = _start_replacing(client, lead)
    response = client.post(ENROL, {"current": "not the password", "code": code_for(new_key), "next": HOME})
    assert "not your password" in response.content.decode()
    assert TOTPDevice.objects.get(user=lead).key == old_key
    # A wrong password here counts as a failed sign-in, under the same lockout.
    assert AuditEvent.objects.filter(action="sign_in_failed", changes__email=lead.email).exists()


def test_replacing_the_authenticator_with_the_password(client, lead):
    _, new_key = _start_replacing(client, lead)
    response = client.post(ENROL, {"current": PASSWORD, "code": code_for(new_key), "next": HOME})
    assert response.status_code == 200
    assert TOTPDevice.objects.get(user=lead).key == new_key


def test_replacing_the_authenticator_with_a_code_from_the_current_one(client, lead):
    old_key, new_key = _start_replacing(client, lead)
    response = client.post(ENROL, {"current": code_for(old_key, 1), "code": code_for(new_key), "next": HOME})
    assert response.status_code == 200
    assert TOTPDevice.objects.get(user=lead).key == new_key


def test_setting_up_the_first_authenticator_asks_for_no_password(client, lead):
    sign_in(client, lead)
    html = client.get(ENROL).content.decode()
    assert 'name="current"' not in html


def test_replacing_the_authenticator_refuses_a_wrong_code_from_the_current_one(client, lead):
    old_key, new_key = _start_replacing(client, lead)
    wrong = f"{(int(code_for(old_key, 1)) + 1) % 1_000_000:06d}"
    response = client.post(ENROL, {"current": wrong, "code": code_for(new_key), "next": HOME})
    assert "not your password" in response.content.decode()
    assert TOTPDevice.objects.get(user=lead).key == old_key
