"""Case references: PRV-<year>-<number>, numbered from 1 in each school each calendar year."""

from django.db.models import Max

from .models import Case

PREFIX = "PRV"


def format_reference(year, number):
    return f"{PREFIX}-{year}-{number:03d}"


def next_number(school, year):
    """The number the next case raised in ``year`` would take (the unique constraint settles races)."""
    last = Case.objects.filter(school=school, year=year).aggregate(last=Max("number"))["last"]
    return (last or 0) + 1
