"""What importing a staff list would change, row by row, against the school's current people.

Joiners (new to the school), returners (former members back), role changes, and — only when the
Lead says the file is the whole staff list — leavers: current members missing from it. Roles are
only ever added by an import (a routine upload never strips a role the Lead gave by hand), and a
row that would grant a role the importer may not grant (accounts.memberships) is shown as
needing the Prevent Lead, with that role left out.
"""

import hashlib
import json
from dataclasses import dataclass, field

from django.db.models.functions import Lower

from .memberships import may_grant_referral_roles
from .models import Membership, Role, User
from .roles import REFERRAL_ROLES
from .staff_import import parse_staff_file


@dataclass
class RowChange:
    row: object  # accounts.staff_import.StaffRow
    kind: str  # "joiner", "returner", "change" or "same"
    user: User | None
    before: list
    after: list
    notes: list = field(default_factory=list)

    @property
    def added(self):
        return sorted(set(self.after) - set(self.before))

    @property
    def after_labels(self):
        return [Role(r).label for r in self.after]

    @property
    def before_labels(self):
        return [Role(r).label for r in self.before]

    @property
    def added_labels(self):
        return [Role(r).label for r in self.added]


@dataclass
class StaffPlan:
    changes: list
    leavers: list  # [(user, [roles])]
    whole_list: bool
    kept: list = field(default_factory=list)  # why some people missing from the file stay

    def of_kind(self, kind):
        return [c for c in self.changes if c.kind == kind]

    @property
    def joiners(self):
        return self.of_kind("joiner")

    @property
    def returners(self):
        return self.of_kind("returner")

    @property
    def changed(self):
        return self.of_kind("change")

    @property
    def unchanged(self):
        return self.of_kind("same")

    @property
    def needs_lead(self):
        return [c for c in self.changes if c.notes]

    def digest(self):
        """A fingerprint of what applying would do: the preview the Lead saw must be what is applied."""
        payload = [
            [[c.kind, c.row.email, c.after] for c in self.changes],
            sorted(user.pk for user, _ in self.leavers),
        ]
        return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def _allowed(wanted, *, before, user, by, may_grant_referral_roles):
    """(roles to add, notes): what of ``wanted`` this importer may add to ``before``.

    The rules of ``accounts.memberships.check_role_change``, told as notes on the preview
    instead of refusing the whole file."""
    added = set(wanted) - set(before)
    notes = []
    if user is not None and by is not None and user.pk == by.pk and added:
        notes.append("Your own roles are not changed by an import: ask the Prevent Lead or the headteacher.")
        added = set()
    refused = added & REFERRAL_ROLES
    if refused and not may_grant_referral_roles:
        names = " and ".join(Role(r).label for r in sorted(refused))
        notes.append(f"Needs the Prevent Lead: only they can give the {names} role, so it is left out.")
        added -= refused
    return added, notes


def plan_staff_changes(*, school, by, rows, whole_list):
    """The StaffPlan of importing ``rows`` (all valid) into ``school`` by ``by``. Four queries."""
    current = {}
    for m in Membership.objects.current().filter(school=school).select_related("user"):
        current.setdefault(m.user.email.lower(), (m.user, set()))[1].add(m.role)
    emails = [row.email for row in rows]
    accounts = {
        u.lower_email: u for u in User.objects.annotate(lower_email=Lower("email")).filter(lower_email__in=emails)
    }
    former = set(
        Membership.objects.filter(school=school, user__in=list(accounts.values()), left_on__isnull=False).values_list(
            "user_id", flat=True
        )
    )
    may_grant = may_grant_referral_roles(school, by)
    changes = []
    for row in rows:
        if row.email in current:
            user, before = current[row.email]
            added, notes = _allowed(row.roles, before=before, user=user, by=by, may_grant_referral_roles=may_grant)
            kind = "change" if added else "same"
            changes.append(RowChange(row, kind, user, sorted(before), sorted(before | added), notes))
            continue
        user = accounts.get(row.email)
        added, notes = _allowed(row.roles, before=set(), user=user, by=by, may_grant_referral_roles=may_grant)
        kind = "returner" if user is not None and user.pk in former else "joiner"
        changes.append(RowChange(row, kind, user, [], sorted(added or {Role.STAFF}), notes))
    leavers, kept = [], []
    if whole_list:
        in_file = set(emails)
        for email, (user, roles) in sorted(current.items(), key=lambda item: item[1][0].full_name):
            if email in in_file:
                continue
            if by is not None and user.pk == by.pk:
                kept.append(f"{user.full_name} (you) is not in the file, and stays: nobody removes themselves.")
            elif roles.isdisjoint(Role.school_staff()):  # a governor only
                kept.append(f"{user.full_name} is a governor, not in staff lists, and stays.")
            else:
                leavers.append((user, sorted(roles)))
    return StaffPlan(changes, leavers, whole_list, kept)


def staff_plan_of_file(*, school, by, text, whole_list, table):
    """(StaffFile, StaffPlan or None) of an uploaded staff list: no plan while the file has errors.

    ``table`` maps job titles to roles (``accounts.job_titles.job_title_table``)."""
    parsed = parse_staff_file(text, table)
    if parsed.problems or any(row.errors for row in parsed.rows):
        return parsed, None
    return parsed, plan_staff_changes(school=school, by=by, rows=parsed.rows, whole_list=whole_list)


def staff_import_summary(plan, counts):
    """What an applied staff list did, in a sentence for the person who imported it."""
    text = (
        f"Imported {len(plan.changes)} people: {counts['created']} new (invited by email to set a password), "
        f"{counts['invited']} with an account elsewhere (invited to join), "
        f"{counts['roles_added']} already here (roles added)"
    )
    if counts["returned"]:
        text += f", {counts['returned']} returned"
    if counts["left"]:
        text += f"; {counts['left']} left (their records are kept)"
    return text + "."
