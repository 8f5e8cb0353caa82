"""Reminders to people who have not joined yet carry a fresh invitation link (the old one stops
working), so that a reminder is never a dead end for someone who cannot sign in."""

import re

import pytest
from django.core import mail

from accounts.models import AuditEvent, Invitation, Role
from accounts.services import member_add
from tests.factories import member
from training.services.courses import training_reminders_send
from training.services.documents import acknowledgement_reminders_send

from .factories_courses import CourseFactory
from .factories_documents import document

SITE = "https://prevent.example.org"
LINK = re.compile(r"https://prevent\.example\.org/accounts/invitation/([\w-]+)/")


@pytest.fixture
def newcomer(school, lead, settings, django_capture_on_commit_callbacks):
    settings.SITE_URL = SITE
    with django_capture_on_commit_callbacks(execute=True):
        member_add(school=school, by=lead, email="nia@school.example", full_name="Nia New", roles=[Role.STAFF])
    first_token = LINK.search(mail.outbox[-1].body).group(1)
    mail.outbox.clear()
    return first_token


def _to(email):
    return next(m for m in mail.outbox if m.to == [email])


def test_a_document_reminder_to_someone_who_has_not_joined_carries_a_fresh_link(client, school, lead, staff, newcomer):
    document(school, lead)
    acknowledgement_reminders_send(school=school)
    message = _to("nia@school.example")
    token = LINK.search(message.body).group(1)
    assert token != newcomer
    assert f"{SITE}/accounts/invitation/{token}/" in message.alternatives[0][0]
    assert f"{SITE}/documents/" in message.body
    # The new link sets a password; the old one no longer works.
    assert "Choose a password" in client.get(f"/accounts/invitation/{token}/").content.decode()
    assert client.get(f"/accounts/invitation/{newcomer}/").status_code == 404
    # Someone who has joined gets no invitation link.
    assert not LINK.search(_to(staff.email).body)
    assert Invitation.objects.open().filter(user__email="nia@school.example").count() == 1
    assert AuditEvent.objects.filter(action="accounts.invitation_sent", changes__with="reminder").count() == 1


def test_a_training_reminder_to_someone_who_has_not_joined_carries_a_fresh_link(school, lead, newcomer):
    CourseFactory(school=school, required_roles=[Role.STAFF.value])
    training_reminders_send(school=school)
    message = _to("nia@school.example")
    token = LINK.search(message.body).group(1)
    assert token != newcomer
    assert f"{SITE}/training/" in message.body
    assert f"/accounts/invitation/{token}/" in message.alternatives[0][0]


def test_someone_imported_before_invitations_existed_gets_one_with_the_reminder(school, lead, settings):
    settings.SITE_URL = SITE
    old = member(school, Role.STAFF, email="old@school.example")
    old.set_unusable_password()
    old.save()
    document(school, lead)
    acknowledgement_reminders_send(school=school)
    token = LINK.search(_to("old@school.example").body).group(1)
    invitation = Invitation.objects.get(user=old, school=school)
    assert invitation.is_open and invitation.roles == [Role.STAFF]
    assert invitation.state == "invited"
    assert token
