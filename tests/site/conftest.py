"""The demo school, built once for the tests of this folder, and its people by role.

``seed_demo`` takes a while, so it runs once inside a transaction that is rolled back when
the folder's tests are done; each test still runs in its own savepoint on top of it.
"""

import os

import pytest
from django.core.management import call_command
from django.db import transaction

from .personas import demo_personas


@pytest.fixture(scope="package")
def demo(django_db_setup, django_db_blocker):
    """The demo school and its people: {"staff": user, "lead": user, ...}."""
    with django_db_blocker.unblock(), transaction.atomic():
        with open(os.devnull, "w") as quiet:
            call_command("seed_demo", stdout=quiet)
        yield demo_personas()
        transaction.set_rollback(True)
