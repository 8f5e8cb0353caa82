"""Reads: who holds a capability (the people to tell), and a person's notifications."""

from collections import defaultdict

from django.db.models import Count, Window

from accounts.models import Membership
from accounts.roles import can

from .models import KIND_CAPABILITY, EmailState, Notification, NotificationSettings


def people_with_capability(school, capability, *, exclude=None):
    """The school's current, active members whose roles hold ``capability`` (one query), by name."""
    roles = defaultdict(set)
    users = {}
    memberships = (
        Membership.objects.current()
        .filter(school=school, user__is_active=True)
        .select_related("user")
        .order_by("user__full_name", "pk")
    )
    for membership in memberships:
        roles[membership.user_id].add(membership.role)
        users[membership.user_id] = membership.user
    return [
        user
        for user_id, user in users.items()
        if can(roles[user_id], capability, school) and (exclude is None or user_id != exclude.pk)
    ]


def notifications_of(school, recipient):
    """The person's notifications in the school, newest first."""
    return Notification.objects.filter(school=school, recipient=recipient)


def unread_of(school, recipient, limit=5):
    """(the newest ``limit`` unread notifications, how many are unread): one query, each row
    carrying the count of all unread ones (a window over the whole result, taken before the limit)."""
    unread = list(
        notifications_of(school, recipient).filter(read_at__isnull=True).annotate(unread=Window(Count("pk")))[:limit]
    )
    return unread, unread[0].unread if unread else 0


def pending_email_ids():
    """Every notification still to be emailed at once (new, or not sent by an earlier run), oldest first."""
    return list(
        Notification.objects.filter(email_state=EmailState.PENDING)
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)
    )


def settings_of(user):
    """The person's email settings, unsaved defaults when they never chose."""
    return NotificationSettings.objects.filter(user=user).first() or NotificationSettings(user=user)


def kinds_for(roles, school):
    """The kinds of notification a person with ``roles`` in ``school`` may receive."""
    return [kind for kind, capability in KIND_CAPABILITY.items() if can(roles, capability, school)]
