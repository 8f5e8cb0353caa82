"""The academic year (1 September to 31 August), written as schools write it: "2026/27".

It lives here, at the bottom of the dependency chain, because every app versions records by it:
the action plan (compliance) and the Prevent duty's own instruments (assurance) must agree on
which year a day belongs to.
"""


def academic_year_of(day):
    """The academic year a day falls in, written "2026/27"."""
    start = day.year if day.month >= 9 else day.year - 1
    return f"{start}/{(start + 1) % 100:02d}"


def next_academic_year(year):
    start = int(year[:4]) + 1
    return f"{start}/{(start + 1) % 100:02d}"


def previous_academic_year(year):
    start = int(year[:4]) - 1
    return f"{start}/{(start + 1) % 100:02d}"
