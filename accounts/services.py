"""Use cases that change people and memberships, each in one transaction.

A school manages its membership of a person (roles, leaving); the person's details belong to
them (see accounts.memberships for the rules).
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from .audit import AuditAction, diff, record_event
from .invitations import has_joined, invitation_create
from .memberships import (
    check_role_change,
    current_roles,
    identity_is_shared,
    membership_change_record,
    membership_roles_add,
    membership_roles_set,
)
from .models import Invitation, Membership, User
from .staff_changes import plan_staff_changes

IDENTITY_FIELDS = ["full_name", "email", "job_title", "phone"]


@dataclass
class AddResult:
    """What adding a person did: ``user`` is None where an existing account was only invited."""

    outcome: str  # "created" (a new account, invited to set a password), "invited", "roles_added", "returned"
    user: User | None
    invitation: Invitation | None = None


def member_add(*, school, by, email, full_name, roles, job_title="", phone="", request=None):
    """Add a person to the school.

    A new address makes an account (with these details and roles) and emails an invitation to
    set a password. An existing account is never changed: a current member gets the roles
    added; anyone else is invited to accept the membership, and the school sees only the email
    it typed until they do.
    """
    if not roles:
        raise ValidationError("Choose at least one role.")
    email = email.strip().lower()
    with transaction.atomic():
        existing = User.objects.filter(email__iexact=email).first()
        if existing is None:
            user = User(email=email, full_name=full_name, job_title=job_title, phone=phone)
            user.set_unusable_password()
            check_role_change(school=school, by=by, user=user, before=[], after=roles)
            user.full_clean()
            user.save()
            membership_roles_set(school=school, by=by, user=user, roles=roles, checked=True)
            record_event(action=AuditAction.CREATE, by=by, school=school, obj=user, changes={"email": [None, email]})
            result = AddResult("created", user)
            kind = Invitation.Kind.NEW_ACCOUNT
        else:
            if current_roles(school, existing):
                membership_roles_add(school=school, by=by, user=existing, roles=roles)
                return AddResult("roles_added", existing)
            if Membership.objects.filter(school=school, user=existing).exists():
                # A former member of this school: re-adding them reactivates their membership.
                return member_return(school=school, by=by, user=existing, roles=roles, request=request)
            check_role_change(school=school, by=by, user=existing, before=[], after=roles)
            user, result, kind = existing, AddResult("invited", None), Invitation.Kind.MEMBERSHIP
        result.invitation = invitation_create(
            school=school, by=by, user=user, email=email, roles=roles, kind=kind, request=request
        )
        return result


def member_update(*, school, by, user, roles, **details):
    """Change a current member's roles and, while they belong to no other school, their details."""
    if not roles:
        raise ValidationError("Choose at least one role.")
    with transaction.atomic():
        before = User.objects.select_for_update().get(pk=user.pk)
        changed = {k: v for k, v in details.items() if k in IDENTITY_FIELDS and getattr(before, k) != v}
        if changed:
            if identity_is_shared(before, school) and before.pk != getattr(by, "pk", None):
                raise ValidationError(
                    f"{before.full_name} also belongs to another school or trust: only they, or a site "
                    "administrator, can change their name, email, job title and phone."
                )
            for field, value in changed.items():
                setattr(user, field, value)
            user.email = user.email.lower()
            user.full_clean()
            user.save(update_fields=list(changed))
            record_event(action=AuditAction.UPDATE, by=by, school=school, obj=user, changes=diff(before, user, changed))
        membership_roles_set(school=school, by=by, user=user, roles=roles)
    return user


def profile_update(*, user, **details):
    """The person changes their own name, email, job title or phone (seen by all their schools)."""
    with transaction.atomic():
        before = User.objects.select_for_update().get(pk=user.pk)
        changed = [k for k, v in details.items() if k in IDENTITY_FIELDS and getattr(before, k) != v]
        for field in changed:
            setattr(user, field, details[field])
        if not changed:
            return user
        user.email = user.email.lower()
        user.full_clean()
        user.save(update_fields=changed)
        record_event(action=AuditAction.UPDATE, by=user, obj=user, changes=diff(before, user, changed))
    return user


def member_leave(*, school, by, user):
    """The person leaves the school: their memberships end, their records stay."""
    if user == by:
        raise ValidationError("You cannot remove yourself from the school.")
    with transaction.atomic():
        roles = current_roles(school, user)
        Membership.objects.current().filter(school=school, user=user).update(left_on=timezone.localdate())
        membership_change_record(school=school, by=by, user=user, before=roles, after=[])
        # A link sent before they left must not let them in afterwards.
        Invitation.objects.open().filter(school=school, user=user).update(cancelled_at=timezone.now())


def staff_list_apply(*, school, by, plan, request=None):
    """Apply a previewed staff list (accounts.staff_changes.StaffPlan) in one step: all or nothing.

    Joiners are added and invited, returners' memberships are reactivated, roles are added, and
    leavers (when the file was the whole staff list) lose access while their records stay.
    Returns {outcome: count}.
    """
    counts = {"created": 0, "invited": 0, "roles_added": 0, "returned": 0, "unchanged": 0, "left": 0}
    with transaction.atomic():
        for change in plan.changes:
            row = change.row
            try:
                if change.kind == "same":
                    counts["unchanged"] += 1
                elif change.kind == "change":
                    membership_roles_add(school=school, by=by, user=change.user, roles=change.after)
                    counts["roles_added"] += 1
                else:
                    result = member_add(
                        school=school,
                        by=by,
                        email=row.email,
                        full_name=row.name,
                        job_title=row.job_title,
                        roles=change.after,
                        request=request,
                    )
                    counts[result.outcome] += 1
            except ValidationError as exc:
                raise ValidationError(f"Line {row.line} ({row.email}): {' '.join(exc.messages)}") from None
        for user, _ in plan.leavers:
            member_leave(school=school, by=by, user=user)
            counts["left"] += 1
    return counts


def member_return(*, school, by, user, roles, request=None):
    """A former member comes back: their memberships of the school are current again with ``roles``
    (their records never left), and if they never joined, a new invitation goes to them."""
    with transaction.atomic():
        membership_roles_set(school=school, by=by, user=user, roles=roles)
        if not has_joined(user):
            invitation_create(
                school=school,
                by=by,
                user=user,
                email=user.email,
                roles=roles,
                kind=Invitation.Kind.NEW_ACCOUNT,
                request=request,
            )
    return AddResult("returned", user)


SIGN_IN_FIELDS = ["sign_in_provider", "sign_in_domains", "sign_in_tenant", "password_sign_in"]


def school_sign_in_update(*, school, by, **fields):
    """Change how the school's people sign in (provider, domains, tenant, passwords), audited."""
    with transaction.atomic():
        before = type(school).objects.select_for_update().get(pk=school.pk)
        changed = [k for k in SIGN_IN_FIELDS if k in fields and getattr(before, k) != fields[k]]
        for name in changed:
            setattr(school, name, fields[name])
        if changed:
            school.save(update_fields=changed)
            record_event(
                action=AuditAction.UPDATE, by=by, school=school, obj=school, changes=diff(before, school, changed)
            )
    return school


def staff_import(*, school, by, rows, request=None):
    """Add every row's person with the roles listed (no leavers); all rows or none.

    Roles a person already holds are kept and an existing account's details are never
    overwritten. Returns {outcome: count} (see ``staff_list_apply``).
    """
    with transaction.atomic():
        plan = plan_staff_changes(school=school, by=by, rows=rows, whole_list=False)
        return staff_list_apply(school=school, by=by, plan=plan, request=request)
