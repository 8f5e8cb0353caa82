"""The academic year and its terms, from the one module that computes them (core.periods).

A record of 31 August belongs to the year that ends that day; one of 1 September to the year
that begins. Every page and report that says "this year" asks here, so the boundaries are
pinned once, with the clock moved to each side of them.
"""

import datetime

import pytest
import time_machine

from core import periods


def _at(day, hour=10):
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(hour), tzinfo=datetime.UTC), tick=False)


@pytest.mark.parametrize(
    ("day", "year"),
    [
        (datetime.date(2026, 8, 31), "2025/26"),
        (datetime.date(2026, 9, 1), "2026/27"),
        (datetime.date(2026, 12, 31), "2026/27"),
        (datetime.date(2027, 1, 1), "2026/27"),
        (datetime.date(2099, 9, 1), "2099/00"),
    ],
)
def test_a_day_belongs_to_the_academic_year_that_holds_it(day, year):
    assert periods.academic_year_of(day) == year
    assert periods.academic_year(day).key == year
    assert periods.academic_year_start(day) <= day <= periods.academic_year_end(day)
    with _at(day):
        assert periods.academic_year_of() == year  # "this year" is today's


def test_the_year_turns_over_at_midnight_between_31_august_and_1_september_in_london():
    # 22:00 UTC on 31 August is 23:00 in London (summer time); 23:00 UTC is midnight, 1 September.
    with _at(datetime.date(2026, 8, 31), hour=22):
        assert periods.academic_year_of() == "2025/26"
    with _at(datetime.date(2026, 8, 31), hour=23):
        assert periods.academic_year_of() == "2026/27"


def test_a_year_runs_from_1_september_to_31_august():
    year = periods.academic_year(datetime.date(2027, 8, 31))
    assert (year.key, year.label, year.academic_year) == ("2026/27", "Academic year 2026/27", "2026/27")
    assert (year.start, year.end) == (datetime.date(2026, 9, 1), datetime.date(2027, 8, 31))
    assert periods.parse("2026/27") == year


def test_next_and_previous_years_cross_the_century():
    assert periods.next_academic_year("2026/27") == "2027/28"
    assert periods.previous_academic_year("2026/27") == "2025/26"
    assert periods.next_academic_year("2099/00") == "2100/01"
    assert periods.previous_academic_year("2000/01") == "1999/00"


def test_the_terms_cover_the_year_without_gap_or_overlap():
    autumn, spring, summer = periods.terms("2026/27")
    assert [t.name for t in (autumn, spring, summer)] == ["Autumn", "Spring", "Summer"]
    assert (autumn.start, summer.end) == (datetime.date(2026, 9, 1), datetime.date(2027, 8, 31))
    assert spring.start - autumn.end == summer.start - spring.end == datetime.timedelta(days=1)
    assert summer.label == "Summer term 2026/27" and summer.key == "2026/27-summer"
    assert periods.parse("2026/27-summer") == summer


@pytest.mark.parametrize(
    ("day", "key"),
    [
        (datetime.date(2026, 8, 31), "2025/26-summer"),
        (datetime.date(2026, 9, 1), "2026/27-autumn"),
        (datetime.date(2026, 12, 31), "2026/27-autumn"),
        (datetime.date(2027, 1, 1), "2026/27-spring"),
        (datetime.date(2027, 3, 31), "2026/27-spring"),
        (datetime.date(2027, 4, 1), "2026/27-summer"),
    ],
)
def test_a_day_belongs_to_one_term(day, key):
    assert periods.term_of(day).key == key


def test_the_periods_to_choose_from_start_with_this_year():
    with _at(datetime.date(2026, 9, 1)):
        keys = [p.key for p in periods.choices(years=2)]
    assert keys == [
        "2026/27",
        "2026/27-autumn",
        "2026/27-spring",
        "2026/27-summer",
        "2025/26",
        "2025/26-autumn",
        "2025/26-spring",
        "2025/26-summer",
    ]
