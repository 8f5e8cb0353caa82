"""Expiry arithmetic: months added with end-of-month and leap-year clamping, and status on a day."""

import datetime

import pytest

from training.expiry import EXPIRED, EXPIRING, MISSING, VALID, add_months, status_of

D = datetime.date


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (D(2026, 1, 15), 1, D(2026, 2, 15)),
        (D(2026, 1, 31), 1, D(2026, 2, 28)),
        (D(2024, 1, 31), 1, D(2024, 2, 29)),
        (D(2024, 2, 29), 12, D(2025, 2, 28)),
        (D(2024, 2, 29), 48, D(2028, 2, 29)),
        (D(2026, 3, 31), 1, D(2026, 4, 30)),
        (D(2026, 11, 30), 3, D(2027, 2, 28)),
        (D(2026, 12, 31), 24, D(2028, 12, 31)),
        (D(2026, 8, 31), 18, D(2028, 2, 29)),
        (D(2026, 5, 10), 0, D(2026, 5, 10)),
    ],
)
def test_it_adds_months_clamping_to_the_end_of_the_month(start, months, expected):
    assert add_months(start, months) == expected


def test_it_reads_the_status_of_training_on_a_day():
    today = D(2026, 11, 28)
    assert status_of(None, today) == VALID  # never lapses
    assert status_of(D(2027, 6, 1), today) == VALID
    assert status_of(today + datetime.timedelta(days=60), today) == EXPIRING
    assert status_of(today + datetime.timedelta(days=61), today) == VALID
    assert status_of(today + datetime.timedelta(days=1), today) == EXPIRING
    assert status_of(today, today) == EXPIRED  # lapses at the start of its expiry day
    assert status_of(D(2025, 1, 1), today) == EXPIRED
    assert status_of(None, today, held=False) == MISSING
