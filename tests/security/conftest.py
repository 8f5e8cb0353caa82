import pytest


@pytest.fixture
def world(world, deputy):
    """Every persona, the deputy DSL too (the access matrix checks every persona on every URL)."""
    world.deputy = deputy
    return world
