"""Dates that make sense for a school's records.

Found: decisions dated 31 December 9999, a case raised on 1 January 0001, a retention date
before the case closed and a "last reviewed" date in the future were all accepted. Each date
field says what kind of date it is: something that has happened (never in the future), or
something planned (up to some years ahead); none is before 2000, before the Prevent duty and
this kind of record. Rules between two dates (closed after raised, retention review after
closing) are checked where both are known, in the forms and services.
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.deconstruct import deconstructible

EARLIEST = datetime.date(2000, 1, 1)


@deconstructible
class SensibleDate:
    """A validator: the date is from ``EARLIEST`` to ``years_ahead`` years from today (0: today)."""

    def __init__(self, years_ahead=0):
        self.years_ahead = years_ahead

    def __call__(self, value):
        day = timezone.localtime(value).date() if isinstance(value, datetime.datetime) else value
        if day < EARLIEST:
            raise ValidationError(f"Enter a date from {EARLIEST:%-d %B %Y} onwards.", code="too_early")
        today = timezone.localdate()
        if not self.years_ahead and day > today:
            raise ValidationError("The date cannot be in the future.", code="future")
        try:
            latest = today.replace(year=today.year + self.years_ahead)
        except ValueError:  # 29 February
            latest = today.replace(year=today.year + self.years_ahead, day=28)
        if day > latest:
            raise ValidationError(
                f"The date cannot be more than {self.years_ahead} year{'s' if self.years_ahead != 1 else ''} "
                "from today.",
                code="too_late",
            )

    def __eq__(self, other):
        return isinstance(other, SensibleDate) and other.years_ahead == self.years_ahead


happened = SensibleDate(0)  # a decision, a contact, a review: not in the future
planned = SensibleDate(10)  # a due date, a target, a next review
retention = SensibleDate(100)  # a record's retention review (date of birth + 25 years, or a legal hold)
