"""The rules of a school's membership of a person: who may grant which role, whose details a
school may change, and an audit line in every school the person belongs to.

A person's account (name, email, phone, password) is shared by every school they belong to;
a school manages only its membership.
"""

from django.core.exceptions import ValidationError
from django.utils import timezone

from .audit import AuditAction, record_event
from .models import Membership, OrganisationMembership, Role, School
from .roles import REFERRAL_ROLES, can


def is_site_administrator(user):
    return bool(user is not None and (user.is_staff or user.is_superuser))


def identity_is_shared(user, school):
    """True if the person belongs anywhere but ``school``: then only they (or a site
    administrator) change their name, email, job title and phone."""
    if user.pk is None:
        return False
    return (
        is_site_administrator(user)
        or Membership.objects.current().filter(user=user).exclude(school=school).exists()
        or OrganisationMembership.objects.filter(user=user).exists()
    )


def current_roles(school, user):
    if user.pk is None:
        return []
    return sorted(Membership.objects.current().filter(school=school, user=user).values_list("role", flat=True))


def may_grant_referral_roles(school, by):
    """True if ``by`` may give the roles that open the school's referral cases: a Prevent Lead of
    the school, a site administrator, or the system (``by=None``)."""
    return by is None or is_site_administrator(by) or can(current_roles(school, by), "grant_referral_roles", school)


def check_role_change(*, school, by, user, before, after):
    """Refuse a change of ``user``'s roles in ``school`` that ``by`` may not make.

    Nobody grants themselves a role; the roles that open referral cases are granted only by a
    Prevent Lead of the school or a site administrator. ``by=None`` is the system (commands).
    """
    if by is None:
        return
    added = set(after) - set(before)
    if user.pk is not None and user.pk == by.pk:
        if added:
            raise ValidationError("You cannot give yourself a role: ask the Prevent Lead or the headteacher.")
        if Role.PREVENT_LEAD in before and Role.PREVENT_LEAD not in after:
            raise ValidationError("You cannot remove your own Prevent Lead role; ask the headteacher.")
    granted = added & REFERRAL_ROLES
    if granted and not may_grant_referral_roles(school, by):
        names = " and ".join(Role(r).label for r in sorted(granted))
        raise ValidationError(
            f"Only the Prevent Lead (or a site administrator) can give the {names} role, "
            "because it opens the school's referral cases."
        )


def _set_roles(*, school, user, roles):
    """Make the user's current roles in the school exactly ``roles``."""
    today = timezone.localdate()
    wanted = set(roles)
    existing = {m.role: m for m in Membership.objects.filter(school=school, user=user)}
    for role, membership in existing.items():
        if role in wanted and membership.left_on is not None:
            membership.left_on = None
            membership.joined_on = today
            membership.save(update_fields=["left_on", "joined_on"])
        elif role not in wanted and membership.left_on is None:
            membership.left_on = today
            membership.save(update_fields=["left_on"])
    Membership.objects.bulk_create(
        Membership(school=school, user=user, role=role, joined_on=today) for role in wanted - set(existing)
    )


def membership_change_record(*, school, by, user, before, after, action=AuditAction.UPDATE):
    """Audit a change of ``user``'s roles in ``school`` there and in every other school they belong to."""
    if sorted(before) == sorted(after):
        return
    record_event(action=action, by=by, school=school, obj=user, changes={"roles": [sorted(before), sorted(after)]})
    others = (
        School.objects.filter(memberships__user=user, memberships__left_on__isnull=True)
        .exclude(pk=school.pk)
        .distinct()
        .order_by("pk")
    )
    for other in others:
        record_event(
            action=AuditAction.MEMBERSHIP_CHANGED_ELSEWHERE,
            by=by,
            school=other,
            obj=user,
            changes={f"roles at {school.name}": [sorted(before), sorted(after)]},
        )
    granted = (set(after) - set(before)) & REFERRAL_ROLES
    for role in sorted(granted):
        # Shown to the school's Lead on their home page (accounts.selectors.referral_role_grants).
        record_event(action=AuditAction.REFERRAL_ROLE_GRANTED, by=by, school=school, obj=user, changes={"role": role})


def membership_roles_set(*, school, by, user, roles, checked=False):
    """Make ``user``'s roles in ``school`` exactly ``roles``, within the rules, audited everywhere."""
    before = current_roles(school, user)
    if not checked:
        check_role_change(school=school, by=by, user=user, before=before, after=roles)
    _set_roles(school=school, user=user, roles=roles)
    membership_change_record(school=school, by=by, user=user, before=before, after=roles)


def membership_roles_add(*, school, by, user, roles, checked=False):
    """Add ``roles`` to those ``user`` holds in ``school`` (none is taken away)."""
    membership_roles_set(
        school=school, by=by, user=user, roles=sorted(set(current_roles(school, user)) | set(roles)), checked=checked
    )
