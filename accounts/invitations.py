"""Invitations: a single-use link, by email, to join a school.

The link's token is shown once, in the email; the database keeps its SHA-256 only. Emails go
after the transaction commits, over one connection for a batch.
"""

import datetime
import hashlib
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import get_connection
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from core.emails import build_templated_email
from core.links import absolute_url

from .audit import AuditAction, record_event
from .memberships import membership_roles_add
from .models import Invitation, Membership


def _token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass
class Outgoing:
    """An invitation with the token its email carries (never stored)."""

    invitation: Invitation
    token: str


def invitation_for_token(token):
    """The invitation whose link carries ``token``, or None."""
    if not token or len(token) > 100:
        return None
    return Invitation.objects.select_related("school", "user").filter(token_hash=_token_hash(token)).first()


def _fresh(invitation):
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    invitation.token_hash = _token_hash(token)
    invitation.sent_at = now
    invitation.expires_at = now + datetime.timedelta(days=settings.INVITATION_DAYS)
    return token


def invitation_create(*, school, by, user, email, roles, kind, request=None):
    """Invite ``user`` (by ``email``) to ``school``; an open invitation is renewed, not doubled.

    Runs in the caller's transaction; the email goes when it commits.
    """
    with transaction.atomic():
        invitation = Invitation.objects.open().select_for_update().filter(school=school, user=user).first()
        if invitation is None:
            invitation = Invitation(school=school, user=user, email=email.lower(), kind=kind, invited_by=by)
        invitation.roles = sorted(set(roles) | set(invitation.roles or []))
        token = _fresh(invitation)
        try:
            with transaction.atomic():
                invitation.save()
        except IntegrityError:
            # Another request invited the same person at the same moment: theirs stands.
            raise ValidationError(f"{email} has just been invited by someone else.") from None
        record_event(
            action=AuditAction.INVITATION_SENT,
            by=by,
            school=school,
            obj=invitation,
            changes={"email": email.lower(), "roles": invitation.roles, "kind": kind},
        )
    invitations_email([Outgoing(invitation, token)], request=request)
    return invitation


def invitation_resend(*, invitation, by, request=None):
    """A new link (the old one stops working) and a new expiry date, emailed again."""
    if not invitation.is_open:
        raise ValidationError("This invitation has already been accepted or cancelled.")
    with transaction.atomic():
        token = _fresh(invitation)
        invitation.save(update_fields=["token_hash", "sent_at", "expires_at"])
        record_event(action=AuditAction.INVITATION_SENT, by=by, school=invitation.school, obj=invitation)
    invitations_email([Outgoing(invitation, token)], request=request)
    return invitation


def invitation_cancel(*, invitation, by):
    """Cancel an open invitation; a new account the school made for it leaves the school too."""
    if not invitation.is_open:
        raise ValidationError("This invitation has already been accepted or cancelled.")
    with transaction.atomic():
        invitation.cancelled_at = timezone.now()
        invitation.save(update_fields=["cancelled_at"])
        if invitation.kind == Invitation.Kind.NEW_ACCOUNT and not invitation.user.has_usable_password():
            Membership.objects.current().filter(school=invitation.school, user=invitation.user).update(
                left_on=timezone.localdate()
            )
        record_event(action=AuditAction.INVITATION_CANCELLED, by=by, school=invitation.school, obj=invitation)


def invitation_accept(*, invitation, user):
    """The invited person accepts: they hold the offered roles in the school from today.

    Only the person the invitation is for may accept it, once, before it expires.
    """
    if user.pk != invitation.user_id:
        raise ValidationError("This invitation is for another account.")
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if not locked.is_open:
            raise ValidationError("This invitation has already been used.")
        if locked.is_expired:
            raise ValidationError("This invitation has expired.")
        locked.accepted_at = timezone.now()
        locked.save(update_fields=["accepted_at"])
        if locked.kind == Invitation.Kind.MEMBERSHIP:
            membership_roles_add(
                school=locked.school, by=locked.invited_by, user=user, roles=locked.roles, checked=True
            )
        record_event(action=AuditAction.INVITATION_ACCEPTED, by=user, school=locked.school, obj=locked)
    return locked


def invitation_renew_expired(*, invitation, request=None):
    """The person followed an expired link: a fresh one goes to the invited address (only there)."""
    if not invitation.is_open or not invitation.is_expired:
        raise ValidationError("This invitation does not need a new link.")
    with transaction.atomic():
        token = _fresh(invitation)
        invitation.save(update_fields=["token_hash", "sent_at", "expires_at"])
        record_event(action=AuditAction.INVITATION_SENT, school=invitation.school, obj=invitation)
    invitations_email([Outgoing(invitation, token)], request=request)


def invitation_link(token, request=None):
    return absolute_url(reverse("accounts:invitation", kwargs={"token": token}), request)


def invitations_email(outgoing, request=None):
    """Email each invitation its link once the surrounding transaction commits, on one connection."""

    def send():
        messages = [
            build_templated_email(
                "accounts/email/invitation",
                to=[item.invitation.email],
                context={
                    "invitation": item.invitation,
                    "school": item.invitation.school,
                    "link": invitation_link(item.token, request),
                    "days": settings.INVITATION_DAYS,
                },
            )
            for item in outgoing
        ]
        if messages:
            with get_connection() as connection:
                connection.send_messages(messages)

    transaction.on_commit(send)


def invitations_accept_by_sign_in(*, user, schools, provider):
    """The person signed in with their school's provider: the schools' invitations to set up a new
    account are answered (they have joined), whatever the links' expiry. Runs in the caller's
    transaction."""
    now = timezone.now()
    for invitation in (
        Invitation.objects.open()
        .select_for_update()
        .filter(user=user, school__in=schools, kind=Invitation.Kind.NEW_ACCOUNT)
        .select_related("school")
    ):
        invitation.accepted_at = now
        invitation.save(update_fields=["accepted_at"])
        record_event(
            action=AuditAction.INVITATION_ACCEPTED,
            by=user,
            school=invitation.school,
            obj=invitation,
            changes={"signed_in_with": provider},
        )


def has_joined(user):
    """True once the person has set a password or signed in (with a password or their provider)."""
    return user.has_usable_password() or user.last_login is not None


def invitation_links_for_reminders(*, school, users, base_url=""):
    """{user id: a fresh invitation link} for those of ``users`` who have not joined yet.

    A reminder to someone who cannot sign in is no use without a way in: each such person's open
    invitation to the school gets a new link (the old one stops working), or a new invitation is
    made where they have none (e.g. imported before invitations were sent). No separate email: the
    reminder carries the link. Runs in the caller's transaction.
    """
    waiting = [u for u in users if not has_joined(u)]
    if not waiting:
        return {}
    links = {}
    with transaction.atomic():
        open_by_user = {
            i.user_id: i for i in Invitation.objects.open().select_for_update().filter(school=school, user__in=waiting)
        }
        for user in waiting:
            invitation = open_by_user.get(user.pk) or Invitation(
                school=school,
                user=user,
                email=user.email,
                kind=Invitation.Kind.NEW_ACCOUNT,
                roles=list(
                    Membership.objects.current().filter(school=school, user=user).values_list("role", flat=True)
                ),
            )
            token = _fresh(invitation)
            invitation.save()
            record_event(
                action=AuditAction.INVITATION_SENT, school=school, obj=invitation, changes={"with": "reminder"}
            )
            links[user.pk] = site_base_url(base_url) + reverse("accounts:invitation", kwargs={"token": token})
    return links


def site_base_url(fallback=""):
    """The address links in emails start with: SITE_URL, else ``fallback`` (e.g. the request's).

    Empty when neither is known (links are then relative: set SITE_URL in production).
    """
    return (settings.SITE_URL or fallback).rstrip("/")
