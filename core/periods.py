"""The academic year (1 September to 31 August) and its three terms: the one place that says which
year and term a day belongs to, and how they are written.

One vocabulary:

- an academic year is its label, as schools write it and records store it: ``"2026/27"``
  (``academic_year_of(day)``, ``next_academic_year(year)``, ``previous_academic_year(year)``);
- its first and last days are dates (``academic_year_start(day)``, ``academic_year_end(day)``);
- a reporting period (a year or a term) is a ``Period``, with a key that travels in URLs
  ("2026/27", "2026/27-autumn"), words for people ("Academic year 2026/27", "Autumn term
  2026/27") and its first and last days (``academic_year(day)``, ``term_of(day)``,
  ``terms(year)``, ``parse(key)``, ``choices()``).

Every function that takes a day takes today (the school's local date) when given none.
"""

import datetime
import re
from dataclasses import dataclass

from django.utils import timezone

# Term dates vary by school and Easter moves, so the boundaries are a convention that puts every
# day in one term: autumn September to December, spring January to March, summer April to August.
TERMS = {
    "autumn": ("Autumn", (9, 1), (12, 31)),
    "spring": ("Spring", (1, 1), (3, 31)),
    "summer": ("Summer", (4, 1), (8, 31)),
}
_KEY = re.compile(r"^(?P<start>\d{4})/(?P<end>\d{2})(?:-(?P<term>autumn|spring|summer))?$")


@dataclass(frozen=True)
class Period:
    key: str  # "2026/27" or "2026/27-autumn"
    label: str  # "Academic year 2026/27" or "Autumn term 2026/27"
    start: datetime.date
    end: datetime.date  # inclusive
    academic_year: str  # "2026/27"
    name: str = "Academic year"  # "Autumn", "Spring", "Summer" for a term

    def __str__(self):
        return self.label


def _start_year(day):
    day = day or timezone.localdate()
    return day.year if day.month >= 9 else day.year - 1


def _start_year_of_label(year):
    return int(year[:4])


def academic_year_label(start_year):
    """The academic year that begins in September of ``start_year``: 2026 -> "2026/27"."""
    return f"{start_year}/{(start_year + 1) % 100:02d}"


def academic_year_of(day=None):
    """The academic year ``day`` falls in: "2026/27" from 1 September 2026 to 31 August 2027."""
    return academic_year_label(_start_year(day))


def academic_year_start(day=None):
    """1 September of the academic year ``day`` falls in."""
    return datetime.date(_start_year(day), 9, 1)


def academic_year_end(day=None):
    """31 August that ends the academic year ``day`` falls in."""
    return datetime.date(_start_year(day) + 1, 8, 31)


def next_academic_year(year):
    """ "2026/27" -> "2027/28"."""
    return academic_year_label(_start_year_of_label(year) + 1)


def previous_academic_year(year):
    """ "2026/27" -> "2025/26"."""
    return academic_year_label(_start_year_of_label(year) - 1)


def academic_year(day=None):
    """The academic year ``day`` falls in, as a Period."""
    start_year = _start_year(day)
    year = academic_year_label(start_year)
    return Period(
        key=year,
        label=f"Academic year {year}",
        start=datetime.date(start_year, 9, 1),
        end=datetime.date(start_year + 1, 8, 31),
        academic_year=year,
    )


def term(year, name):
    """The term ``name`` ("autumn", "spring", "summer") of academic year ``year`` ("2026/27")."""
    words, (start_month, start_day), (end_month, end_day) = TERMS[name]
    start_year = _start_year_of_label(year)
    calendar_year = start_year if name == "autumn" else start_year + 1
    return Period(
        key=f"{year}-{name}",
        label=f"{words} term {year}",
        start=datetime.date(calendar_year, start_month, start_day),
        end=datetime.date(calendar_year, end_month, end_day),
        academic_year=year,
        name=words,
    )


def terms(year):
    """The three terms of academic year ``year`` ("2026/27"), autumn first."""
    return [term(year, name) for name in TERMS]


def term_of(day=None):
    """The term ``day`` falls in."""
    day = day or timezone.localdate()
    return next(t for t in terms(academic_year_of(day)) if t.start <= day <= t.end)


def parse(key):
    """The period named by ``key`` ("2026/27" or "2026/27-autumn"), or None if it names none."""
    match = _KEY.match(key or "")
    if not match:
        return None
    start_year = int(match["start"])
    if (start_year + 1) % 100 != int(match["end"]) or not 2000 <= start_year <= 2100:
        return None
    if match["term"]:
        return term(match["start"] + "/" + match["end"], match["term"])
    return academic_year(datetime.date(start_year, 9, 1))


def choices(today=None, years=3):
    """Periods to pick from: this academic year and its terms, then earlier years, newest first."""
    year = academic_year_of(today)
    periods = []
    for _ in range(years):
        periods.append(parse(year))
        periods.extend(terms(year))
        year = previous_academic_year(year)
    return periods
