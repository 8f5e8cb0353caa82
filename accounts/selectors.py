import datetime
from collections import defaultdict

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from .audit import AuditAction
from .models import AuditEvent, Invitation, Membership, OrganisationMembership, Role, School, User


def membership_roles(user):
    """{school id: set of roles} of the user's current memberships. One query (by the user key)."""
    roles = defaultdict(set)
    for school_id, role in Membership.objects.current().filter(user=user).order_by().values_list("school_id", "role"):
        roles[school_id].add(role)
    return dict(roles)


def _schools_of(user, roles):
    """The schools the user belongs to or oversees: found by the membership and organisation
    keys (never a scan of every school), each with ``is_officer`` (an officer of its organisation)
    and ``officer_anywhere`` (an officer of any organisation)."""
    organisations = OrganisationMembership.objects.filter(user=user)
    return (
        School.objects.filter(Q(pk__in=list(roles)) | Q(organisation_id__in=organisations.values("organisation_id")))
        .annotate(
            is_officer=Exists(organisations.filter(organisation=OuterRef("organisation"))),
            officer_anywhere=Exists(organisations),
        )
        .select_related("organisation")
    )


def _with_officer_role(school, roles):
    held = set(roles.get(school.pk, ()))
    if school.is_officer:
        held.add(Role.TRUST_OFFICER)
    return frozenset(held)


def school_for(user, school_id, roles=None):
    """(school, roles held there) for one school the user may work in, or None: a school of one of
    their memberships or one their organisation oversees. ``school_id`` None: the first by name.
    One query (two without ``roles``, the user's membership_roles)."""
    roles = membership_roles(user) if roles is None else roles
    schools = _schools_of(user, roles)
    school = schools.filter(pk=school_id).first() if school_id is not None else schools.order_by("name", "pk").first()
    return None if school is None else (school, _with_officer_role(school, roles))


def schools_and_roles(user, roles=None):
    """Every school the user may work in, in name order, with the roles held in each.

    Trust and local-authority officers hold the trust_officer role in every school of their
    organisation. Two queries whatever the number of schools (one with ``roles``).
    """
    roles = membership_roles(user) if roles is None else roles
    return {school: _with_officer_role(school, roles) for school in _schools_of(user, roles).order_by("name", "pk")}


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


def people_holding(school, roles):
    """Current, active members who hold any of ``roles``, by name: a form's people to choose from."""
    ids = Membership.objects.current().filter(school=school, role__in=list(roles)).values("user_id")
    return User.objects.filter(pk__in=ids, is_active=True).order_by("full_name")


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
        AuditEvent.objects.filter(school=school, action=AuditAction.REFERRAL_ROLE_GRANTED, at__gte=since)
        .select_related("actor")
        .order_by("-at")[:20]
    )
