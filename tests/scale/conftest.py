"""A school of 5 staff and one of 25 from generate_dataset, built once for each module that asks."""

from io import StringIO

import pytest
from django.core.management import call_command

from accounts.dataset import urn_of
from accounts.models import School
from tests.worlds import shared_world

SIZES = {11: 5, 12: 25}  # seed: staff per school


@shared_world()
def datasets():
    """{seed: primary key of its school}."""
    for seed, staff in SIZES.items():
        call_command(
            "generate_dataset",
            schools=1,
            staff_per_school=staff,
            years=1,
            seed=seed,
            no_progress=True,
            stdout=StringIO(),
        )
    return {seed: School.objects.get(urn=urn_of(seed, 0)).pk for seed in SIZES}


@pytest.fixture
def schools(db, datasets):
    """{seed: its school}."""
    return {seed: School.objects.get(pk=pk) for seed, pk in datasets.items()}
