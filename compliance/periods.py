"""Reporting periods: the academic year (1 September to 31 August) and its three terms.

A period has a key that travels in URLs ("2026/27", "2026/27-autumn") and words for people
("Academic year 2026/27", "Autumn term 2026/27").
"""

import datetime
import re
from dataclasses import dataclass

from django.utils import timezone

# Term dates vary by school and Easter moves, so the boundaries are a convention that puts every
# day in one term (the same as referrals.selectors.terms_of).
TERMS = {
    "autumn": ("Autumn term", (9, 1), (12, 31)),
    "spring": ("Spring term", (1, 1), (3, 31)),
    "summer": ("Summer term", (4, 1), (8, 31)),
}
_KEY = re.compile(r"^(?P<start>\d{4})/(?P<end>\d{2})(?:-(?P<term>autumn|spring|summer))?$")


@dataclass(frozen=True)
class Period:
    key: str
    label: str
    start: datetime.date
    end: datetime.date
    academic_year: str

    def __str__(self):
        return self.label


def academic_year_label(start_year):
    return f"{start_year}/{(start_year + 1) % 100:02d}"


def academic_year_start(day):
    """The calendar year in which the academic year holding ``day`` began."""
    return day.year if day.month >= 9 else day.year - 1


def academic_year(day=None):
    """The academic year that holds ``day`` (today by default)."""
    start_year = academic_year_start(day or timezone.localdate())
    year = academic_year_label(start_year)
    return Period(
        key=year,
        label=f"Academic year {year}",
        start=datetime.date(start_year, 9, 1),
        end=datetime.date(start_year + 1, 8, 31),
        academic_year=year,
    )


def term(start_year, name):
    words, (start_month, start_day), (end_month, end_day) = TERMS[name]
    year = academic_year_label(start_year)
    calendar_year = start_year if name == "autumn" else start_year + 1
    return Period(
        key=f"{year}-{name}",
        label=f"{words} {year}",
        start=datetime.date(calendar_year, start_month, start_day),
        end=datetime.date(calendar_year, end_month, end_day),
        academic_year=year,
    )


def parse(key):
    """The period named by ``key``, or None if the key is not a valid period."""
    match = _KEY.match(key or "")
    if not match:
        return None
    start_year = int(match["start"])
    if (start_year + 1) % 100 != int(match["end"]) or not 2000 <= start_year <= 2100:
        return None
    if match["term"]:
        return term(start_year, match["term"])
    return academic_year(datetime.date(start_year, 9, 1))


def choices(today=None, years=3):
    """Periods to pick from: this academic year and its terms, then earlier years, newest first."""
    start_year = academic_year_start(today or timezone.localdate())
    periods = []
    for offset in range(years):
        year_start = start_year - offset
        periods.append(academic_year(datetime.date(year_start, 9, 1)))
        periods.extend(term(year_start, name) for name in TERMS)
    return periods
