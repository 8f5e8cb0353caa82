"""Entries for the cross-cutting pages: the audit trail and two-factor sign-in."""

from . import Entry

ENTRIES = {
    "accounts:audit-list": Entry(allowed={"lead"}),
}
