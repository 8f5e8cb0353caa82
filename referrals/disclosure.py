"""Referral counts as each viewer may see them: the one rule every page, PDF, export and overview uses.

In a school, one or two Prevent concerns can point at a pupil. So anyone who does not see the
cases themselves (governors, trust and local-authority officers, a headteacher whom the school
has not let see cases, staff) reads "fewer than 5" in place of any count from 0 to 4, and a
share (e.g. concerns with a decision recorded) only where both the concerns that meet it and
those that do not number 5 or more. Those who see the cases ("view_referrals" in
accounts/roles.py: the Prevent Lead and the DSL) see exact numbers.

Only the primary cells are withheld: a total of 5 or more is shown even when the counts it adds
up are each fewer than 5.
"""

SMALL_COUNT = 5
FEWER_THAN_5 = "fewer than 5"
SHARE_NOT_SHOWN = "not shown"


def sees_exact_counts(caps):
    """True if the viewer (``request.caps``) sees exact referral counts: they see the cases."""
    return caps.view_referrals


def shown_count(value, *, exact):
    """A count of concerns, decisions or outcomes as the viewer sees it."""
    if exact or not isinstance(value, int) or value >= SMALL_COUNT:
        return value
    return FEWER_THAN_5


def shown_share(met, total, percent, *, exact):
    """``percent`` (``met`` out of ``total``) as the viewer sees it."""
    if exact or (met >= SMALL_COUNT and total - met >= SMALL_COUNT):
        return percent
    return SHARE_NOT_SHOWN
