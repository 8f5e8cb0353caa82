"""Use cases that change people and memberships, each in one transaction."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from .audit import record_event
from .models import Membership, Role, User


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


def _current_roles(school, user):
    return sorted(Membership.objects.current().filter(school=school, user=user).values_list("role", flat=True))


def member_save(*, school, by, email, full_name, job_title="", phone="", roles, user=None):
    """Add a person to the school (or update them) with exactly these roles."""
    if not roles:
        raise ValidationError("Choose at least one role.")
    if (
        by is not None
        and user == by
        and Role.PREVENT_LEAD in _current_roles(school, by)
        and Role.PREVENT_LEAD not in roles
    ):
        raise ValidationError("You cannot remove your own Prevent Lead role; ask the headteacher.")
    with transaction.atomic():
        if user is None:
            user = User.objects.filter(email__iexact=email).first()
        created = user is None
        if created:
            user = User(email=email.lower())
            user.set_unusable_password()
        before = {
            "full_name": user.full_name,
            "job_title": user.job_title,
            "phone": user.phone,
            "roles": _current_roles(school, user) if user.pk else [],
        }
        user.email, user.full_name, user.job_title, user.phone = email.lower(), full_name, job_title, phone
        user.full_clean()
        user.save()
        _set_roles(school=school, user=user, roles=roles)
        after = {"full_name": full_name, "job_title": job_title, "phone": phone, "roles": sorted(roles)}
        changes = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
        if changes:
            record_event(action="create" if created else "update", actor=by, school=school, obj=user, changes=changes)
    return user


def member_leave(*, school, by, user):
    """The person leaves the school: their memberships end, their records stay."""
    if user == by:
        raise ValidationError("You cannot remove yourself from the school.")
    with transaction.atomic():
        roles = _current_roles(school, user)
        Membership.objects.current().filter(school=school, user=user).update(left_on=timezone.localdate())
        record_event(action="update", actor=by, school=school, obj=user, changes={"roles": [roles, []]})


def staff_import(*, school, by, rows):
    """Create or update every row's person and roles; all rows or none.

    Roles listed in the file are added; roles a person already holds are kept, so that a
    routine import cannot strip the Prevent Lead of their role.
    """
    created = updated = 0
    with transaction.atomic():
        existing = {u.email.lower(): u for u in User.objects.filter(email__in=[r.email for r in rows])}
        for row in rows:
            user = existing.get(row.email)
            roles = set(row.roles)
            if user is not None:
                roles |= set(_current_roles(school, user))
                updated += 1
            else:
                created += 1
            member_save(
                school=school,
                by=by,
                email=row.email,
                full_name=row.name,
                job_title=row.job_title,
                phone=user.phone if user else "",
                roles=sorted(roles),
                user=user,
            )
    return created, updated
