"""The self-assessment's statements are data: every edition loads, in the DfE tool's structure,
and a broken file stops start-up with its name and the problem."""

import datetime

import pytest
from django.core.exceptions import ImproperlyConfigured

from assurance import statements
from compliance.services import academic_year_of as plan_year_of
from core.periods import academic_year_of

SECTIONS = [
    "Leadership and management",
    "Risk assessment",
    "Working in partnership",
    "Training",
    "Online safety",
    "Safeguarding school premises",
    "Building children's resilience to radicalisation",
]


def test_every_edition_has_the_tools_seven_sections_and_four_levels():
    for edition in statements.editions():
        assert [s.title for s in edition.sections] == SECTIONS
        assert len(edition.levels) == 4
        assert edition.expected in edition.levels
        assert edition.source.startswith("https://www.gov.uk/")
        assert all(section.statements for section in edition.sections)


def test_the_current_edition_says_where_it_comes_from_and_when():
    edition = statements.current()
    assert edition.published_label == "October 2022"
    assert "Department for Education" in edition.publisher
    keys = [s.key for s in edition.statements]
    assert len(keys) == len(set(keys))
    assert edition.statement("lm-policy").number == "1.2"


def test_a_level_weaker_than_the_expected_one_is_below_expected():
    edition = statements.current()
    strongest, expected, weaker, weakest = (level.number for level in edition.levels)
    assert expected == edition.expected_level
    assert not edition.below_expected(strongest)
    assert not edition.below_expected(expected)
    assert edition.below_expected(weaker) and edition.below_expected(weakest)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("key: broken\ntitle: x\n", "missing"),
        (
            "key: broken\ntitle: T\npublisher: P\nsource: https://x\npublished: '2027-01'\nexpected_level: 2\n"
            "levels: [{number: 1, label: A}, {number: 2, label: B}]\nsections: [{key: s, title: S, statements: "
            "[{key: a, text: A}]}]\n",
            "four levels",
        ),
        (
            "key: broken\ntitle: T\npublisher: P\nsource: https://x\npublished: '2027-01'\nexpected_level: 2\n"
            "levels: [{number: 1, label: A}, {number: 2, label: B}, {number: 3, label: C}, {number: 4, label: D}]\n"
            "sections: [{key: s, title: S, statements: [{key: a, text: A}, {key: a, text: B}]}]\n",
            "used twice",
        ),
    ],
)
def test_a_broken_edition_stops_start_up_with_its_name(tmp_path, monkeypatch, text, problem):
    (tmp_path / "broken.yaml").write_text(text)
    monkeypatch.setattr(statements, "FOLDER", tmp_path)
    statements.load.cache_clear()
    try:
        with pytest.raises(ImproperlyConfigured, match=problem) as error:
            statements.check_all()
        assert "broken.yaml" in str(error.value)
    finally:
        statements.load.cache_clear()


def test_a_new_edition_is_a_data_change(tmp_path, monkeypatch):
    current = (statements.FOLDER / "dfe-schools-2022.yaml").read_text()
    (tmp_path / "dfe-schools-2022.yaml").write_text(current)
    newer = current.replace("key: dfe-schools-2022", "key: dfe-schools-2027").replace('"2022-10"', '"2027-03"')
    (tmp_path / "dfe-schools-2027.yaml").write_text(newer)
    monkeypatch.setattr(statements, "FOLDER", tmp_path)
    statements.load.cache_clear()
    try:
        assert statements.current().key == "dfe-schools-2027"
        assert statements.load("dfe-schools-2022").published_label == "October 2022"
    finally:
        statements.load.cache_clear()


def test_the_instruments_use_the_plans_academic_years():
    day = datetime.date(2026, 8, 31)
    for offset in range(0, 400, 7):
        assert academic_year_of(day + datetime.timedelta(days=offset)) == plan_year_of(
            day + datetime.timedelta(days=offset)
        )
    assert academic_year_of(datetime.date(2026, 9, 1)) == "2026/27"
