"""People added by the Lead are invited by email and can sign in: a new account sets its
password from a single-use link that expires; the Lead sees who has joined and re-sends or cancels."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import AuditEvent, Invitation, Membership, User

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a long new password 2026"


@pytest.fixture
def sending(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def _add(client, sending, email="nia@school.example"):
    with sending():
        client.post(
            reverse("accounts:member-add"), {"full_name": "Nia New", "email": email, "roles": ["staff"]}, follow=True
        )
    return re.search(r"/accounts/invitation/([\w-]+)/", mail.outbox[-1].body).group(1)


def test_a_person_added_by_the_lead_gets_an_invitation_sets_a_password_and_signs_in(client, lead, school, sending):
    client.force_login(lead)
    token = _add(client, sending)
    message = mail.outbox[-1]
    assert message.to == ["nia@school.example"]
    assert school.name in message.subject
    assert f"http://testserver/accounts/invitation/{token}/" in message.body
    html = message.alternatives[0][0]
    assert "<title>" in html and f"/accounts/invitation/{token}/" in html
    people = client.get(reverse("accounts:member-list")).content.decode()
    assert "Invited, not yet joined" in people

    client.logout()
    page = client.get(reverse("accounts:invitation", args=[token]))
    assert "Choose a password for nia@school.example" in page.content.decode()
    response = client.post(
        reverse("accounts:invitation", args=[token]), {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert response.status_code == 302
    nia = User.objects.get(email="nia@school.example")
    assert nia.check_password(NEW_PASSWORD)
    assert client.get(reverse("home")).status_code == 200  # signed in
    assert AuditEvent.objects.filter(action="accounts.invitation_accepted", actor=nia, school=school).exists()
    # The link is single-use; the person now signs in with their password.
    client.logout()
    assert client.get(reverse("accounts:invitation", args=[token])).status_code == 410
    signed_in = client.post(reverse("login"), {"username": "nia@school.example", "password": NEW_PASSWORD})
    assert signed_in.status_code == 302 and signed_in["Location"] == reverse("home")
    client.force_login(lead)
    assert "Joined" in client.get(reverse("accounts:member-list")).content.decode()


def test_an_expired_link_says_what_to_do_and_sends_a_fresh_one_to_the_invited_address(client, lead, sending):
    client.force_login(lead)
    old = _add(client, sending)
    client.logout()
    with time_machine.travel(timezone.now() + datetime.timedelta(days=15)):
        page = client.get(reverse("accounts:invitation", args=[old]))
        assert page.status_code == 410
        assert "has expired" in page.content.decode()
        with sending():
            client.post(reverse("accounts:invitation-renew", args=[old]))
        new = re.search(r"/accounts/invitation/([\w-]+)/", mail.outbox[-1].body).group(1)
        assert mail.outbox[-1].to == ["nia@school.example"]
        assert new != old
        assert client.get(reverse("accounts:invitation", args=[old])).status_code == 404  # replaced
        assert client.get(reverse("accounts:invitation", args=[new])).status_code == 200


def test_the_lead_resends_and_cancels_an_invitation(client, lead, school, sending):
    client.force_login(lead)
    first = _add(client, sending)
    invitation = Invitation.objects.get(email="nia@school.example")
    with sending():
        client.post(reverse("accounts:invitation-resend", args=[invitation.pk]))
    second = re.search(r"/accounts/invitation/([\w-]+)/", mail.outbox[-1].body).group(1)
    assert second != first
    client.post(reverse("accounts:invitation-cancel", args=[invitation.pk]))
    assert client.get(reverse("accounts:invitation", args=[second])).status_code == 410
    nia = User.objects.get(email="nia@school.example")
    assert not Membership.objects.current().filter(user=nia, school=school).exists()


def test_another_schools_lead_cannot_resend_or_cancel_this_schools_invitations(client, lead, outsider, sending):
    client.force_login(lead)
    _add(client, sending)
    invitation = Invitation.objects.get(email="nia@school.example")
    client.force_login(outsider)
    assert client.post(reverse("accounts:invitation-resend", args=[invitation.pk])).status_code == 404
    assert client.post(reverse("accounts:invitation-cancel", args=[invitation.pk])).status_code == 404


def test_a_made_up_token_is_not_found(client):
    assert client.get(reverse("accounts:invitation", args=["not-a-real-token"])).status_code == 404


def test_adding_the_same_person_twice_keeps_one_open_invitation(client, lead, sending):
    client.force_login(lead)
    _add(client, sending)
    _add(client, sending)
    assert Invitation.objects.open().filter(email="nia@school.example").count() == 1
