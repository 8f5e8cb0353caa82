import threading

import pytest
from django.urls import reverse

from tests.factories import PASSWORD


@pytest.mark.django_db
def test_it_signs_in_by_email(client, staff):
    response = client.post(reverse("login"), {"username": "SAM@school.example", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


@pytest.mark.django_db
def test_it_says_so_when_the_password_is_wrong(client, staff):
    response = client.post(reverse("login"), {"username": staff.email, "password": "wrong password"})
    assert response.status_code == 200
    assert "do not match an account" in response.content.decode()


@pytest.mark.django_db
def test_every_page_but_sign_in_needs_a_login(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.django_db
def test_it_sends_a_password_reset_email(client, staff, mailoutbox):
    client.post(reverse("password_reset"), {"email": staff.email})
    for thread in threading.enumerate():  # the email is sent in the background
        if thread.name.startswith("password-reset-mail"):
            thread.join(10)
    assert len(mailoutbox) == 1
    assert "/accounts/reset/" in mailoutbox[0].body


@pytest.mark.django_db
def test_signed_in_pages_are_never_cached(login, staff):
    response = login(staff).get(reverse("home"))
    assert "no-store" in response["Cache-Control"]
