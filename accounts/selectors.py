import datetime
from collections import defaultdict

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from .models import AuditEvent, Invitation, Membership, OrganisationMembership, Role, School


def schools_and_roles(user):
    """Every school the user may work in, in name order, with the roles held in each.

    Trust and local-authority officers hold the trust_officer role in every school of their
    organisation. Two queries whatever the number of schools.
    """
    roles = defaultdict(set)
    for school_id, role in Membership.objects.current().filter(user=user).order_by().values_list("school_id", "role"):
        roles[school_id].add(role)
    officer = OrganisationMembership.objects.filter(user=user, organisation=OuterRef("organisation"))
    schools = (
        School.objects.annotate(is_officer=Exists(officer))
        .filter(Q(pk__in=list(roles)) | Q(is_officer=True))
        .select_related("organisation")
        .order_by("name")
    )
    result = {}
    for school in schools:
        held = set(roles.get(school.pk, ()))
        if school.is_officer:
            held.add(Role.TRUST_OFFICER)
        result[school] = frozenset(held)
    return result


def people_with_role(school, role):
    """Current members of the school who hold the role, by name."""
    return [
        m.user
        for m in Membership.objects.current()
        .filter(school=school, role=role, user__is_active=True)
        .select_related("user")
        .order_by("user__full_name")
    ]


def people_with_roles(school, roles):
    """{role: [current, active members who hold it, by name]} for each of ``roles`` (one query)."""
    people = {role: [] for role in roles}
    for m in (
        Membership.objects.current()
        .filter(school=school, role__in=list(roles), user__is_active=True)
        .select_related("user")
        .order_by("user__full_name", "pk")
    ):
        people[m.role].append(m.user)
    return people


def members_of(school):
    """Current members with their roles: a list of (user, [role labels]) by name."""
    by_user = {}
    for m in (
        Membership.objects.current().filter(school=school).select_related("user").order_by("user__full_name", "role")
    ):
        by_user.setdefault(m.user, []).append(m)
    return list(by_user.items())


def organisations_of(user):
    return [m.organisation for m in OrganisationMembership.objects.filter(user=user).select_related("organisation")]


def open_invitations(school):
    """The school's invitations not yet accepted or cancelled, newest first.

    Shows the email the school typed, never the details of an existing account.
    """
    return list(Invitation.objects.open().filter(school=school).order_by("-sent_at", "-pk"))


def joined_states(school, users):
    """{user id: "joined" | "invited" | "expired" | "not invited"} for members on a page (one query)."""
    states = {u.pk: ("joined" if u.has_usable_password() or u.last_login else "not invited") for u in users}
    waiting = [pk for pk, state in states.items() if state != "joined"]
    for invitation in Invitation.objects.open().filter(school=school, user_id__in=waiting):
        states[invitation.user_id] = invitation.state
    return states


def referral_role_grants(school, days=90):
    """Grants of the roles that open referral cases in the last ``days`` days, newest first."""
    since = timezone.now() - datetime.timedelta(days=days)
    return list(
        AuditEvent.objects.filter(school=school, action="accounts.referral_role_granted", at__gte=since)
        .select_related("actor")
        .order_by("-at")[:20]
    )
