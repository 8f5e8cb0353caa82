"""Shared worlds (tests/worlds.py): built once for the module, each test's writes gone for the next,
and a test that needs commits run before the world is there rather than inside it."""

import pytest

from accounts.models import School
from tests.factories import SchoolFactory
from tests.worlds import shared_world

NAME = "Shared World Academy"
built = []


@shared_world()
def one_school():
    built.append(1)
    return SchoolFactory(name=NAME).pk


@pytest.mark.parametrize("attempt", [1, 2, 3])
def test_each_test_finds_the_world_as_built_whatever_the_one_before_wrote(db, one_school, attempt):
    school = School.objects.get(pk=one_school)
    assert school.name == NAME
    assert School.objects.count() == 1
    school.name = f"Renamed by test {attempt}"
    school.save()
    SchoolFactory(name=f"Added by test {attempt}")
    assert built == [1]  # built once, not per test


def test_a_test_that_commits_runs_before_the_modules_world_is_built(transactional_db):
    assert built == []
    assert not School.objects.filter(name=NAME).exists()
