"""Expiry arithmetic: when training lapses, and how its status reads on a given day."""

import calendar
import datetime

# Training that lapses within this many days shows as "expiring" and earns a reminder.
EXPIRING_WITHIN_DAYS = 60

VALID = "valid"
EXPIRING = "expiring"
EXPIRED = "expired"
MISSING = "missing"
STATUSES = [
    (VALID, "Valid"),
    (EXPIRING, f"Expiring within {EXPIRING_WITHIN_DAYS} days"),
    (EXPIRED, "Expired"),
    (MISSING, "Missing"),
]
STATUS_LABELS = dict(STATUSES)


def add_months(day, months):
    """``day`` plus ``months`` calendar months, clamped to the month's end (31 Jan + 1 = 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    if day.day <= 28:  # every month has the day: no calendar to consult
        return datetime.date(year, month, day.day)
    last = calendar.monthrange(year, month)[1]
    return datetime.date(year, month, min(day.day, last))


def status_of(expires_on, today, *, held=True):
    """One of VALID, EXPIRING, EXPIRED, MISSING for training that lapses on ``expires_on``.

    Training lapses at the start of ``expires_on``; None means it never lapses.
    """
    if not held:
        return MISSING
    if expires_on is None:
        return VALID
    if expires_on <= today:
        return EXPIRED
    if expires_on <= today + datetime.timedelta(days=EXPIRING_WITHIN_DAYS):
        return EXPIRING
    return VALID
