"""Entries for the cross-cutting pages: the audit trail and two-factor sign-in."""

from . import Entry

EVERYONE = {"staff", "lead", "dsl", "head", "governor", "trust"}

ENTRIES = {
    # Anyone signed in may set up an authenticator; without one, the code page sends them there.
    "accounts:two-factor-enrol": Entry(allowed=EVERYONE),
    "accounts:two-factor-verify": Entry(allowed=EVERYONE, ok=(302,)),
    "accounts:audit-list": Entry(allowed={"lead"}),
}
