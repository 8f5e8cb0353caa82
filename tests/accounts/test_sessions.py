"""Sessions end after inactivity and at a fixed maximum; access changes end the other sessions."""

import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.sessions import SIGNED_IN_AT
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db
HOME = reverse("home")
NEW_PASSWORD = "a much longer passphrase 2026"


def sign_in(user, password=PASSWORD):
    client = Client()
    response = client.post(reverse("login"), {"username": user.email, "password": password})
    assert response.status_code == 302, response.content
    return client


def signed_in(client):
    return client.get(HOME).status_code == 200


def test_inactivity_is_thirty_minutes_by_default_and_each_request_renews_it(staff):
    assert settings.SESSION_COOKIE_AGE == 30 * 60 and settings.SESSION_SAVE_EVERY_REQUEST
    client = sign_in(staff)
    session = Session.objects.get(session_key=client.session.session_key)
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() + timedelta(minutes=1))
    assert signed_in(client)
    renewed = Session.objects.get(pk=session.pk).expire_date
    assert renewed > timezone.now() + timedelta(minutes=29)


def test_an_idle_session_ends(staff):
    client = sign_in(staff)
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    response = client.get(HOME)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_a_session_ends_at_the_fixed_maximum_however_active(staff):
    client = sign_in(staff)
    session = client.session
    session[SIGNED_IN_AT] = time.time() - settings.SESSION_MAX_HOURS * 3600 - 60
    session.save()
    response = client.get(HOME)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login") + "?next=")
    follow = client.get(response["Location"])
    assert f"signed out {settings.SESSION_MAX_HOURS} hours after signing in" in follow.content.decode()
    assert not signed_in(client)


def test_a_session_within_the_maximum_goes_on(staff):
    client = sign_in(staff)
    session = client.session
    session[SIGNED_IN_AT] = time.time() - settings.SESSION_MAX_HOURS * 3600 + 120
    session.save()
    assert signed_in(client)


def test_the_session_key_changes_at_sign_in(client, staff):
    session = client.session
    session["before"] = "signing in"
    session.save()
    before = session.session_key
    client.post(reverse("login"), {"username": staff.email, "password": PASSWORD})
    assert client.session.session_key != before
    assert not Session.objects.filter(session_key=before).exists()


def test_changing_the_password_ends_the_other_sessions_but_not_this_one(staff):
    laptop, phone = sign_in(staff), sign_in(staff)
    response = laptop.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert signed_in(laptop)
    assert not signed_in(phone)
    assert not Session.objects.filter(session_key=phone.cookies[settings.SESSION_COOKIE_NAME].value).exists()


def test_an_administrator_setting_a_password_ends_every_session(staff):
    client = sign_in(staff)
    staff.set_password(NEW_PASSWORD)
    staff.save()
    assert not signed_in(client)


def test_disabling_an_account_ends_its_sessions(staff, lead):
    staff_client, lead_client = sign_in(staff), sign_in(lead)
    staff.is_active = False
    staff.save()
    assert not signed_in(staff_client)
    assert not Session.objects.filter(session_key=staff_client.cookies[settings.SESSION_COOKIE_NAME].value).exists()
    assert signed_in(lead_client)


def test_other_changes_to_a_person_keep_their_sessions(staff):
    client = sign_in(staff)
    staff.job_title = "Head of Year 9"
    staff.save()
    assert signed_in(client)


@pytest.mark.parametrize("password", ["short pw", "elevenchars", "123456789012345", "password1234"])
def test_weak_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_a_twelve_character_password_that_is_not_common_is_accepted():
    validate_password("river-otter-9")


def test_the_password_change_page_explains_what_is_wrong(staff):
    client = sign_in(staff)
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "Tr0ub4dor&3", "new_password2": "Tr0ub4dor&3"},
    )
    assert response.status_code == 200
    assert "at least 12 characters" in response.content.decode()
