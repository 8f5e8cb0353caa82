"""Shared worlds: data built once for a module (or a package) and seen by each of its tests.

A world is built inside a transaction that stays open while its tests run and is rolled back
after the last one (or, ``copied=True``, built once per session on SQLite and copied in for each
module); each test still runs in its own savepoint on top of it (the ``db`` fixture), so a test
that writes leaves the world as it found it. Declare one with ``@shared_world()``::

    @shared_world()                      # scope="module" (default) or "package"
    def demo():
        call_command("seed_demo", stdout=io.StringIO())
        return School.objects.get(urn=DEMO_URN).pk

and ask for ``demo`` (with ``db``) in the tests. Return primary keys (or a namespace of them)
rather than objects a test might change in memory, and load fresh objects per test.

Tests that need committed transactions (``transactional_db``, ``django_db(transaction=True)``,
``live_server``) cannot run inside a world's transaction: in a module that uses a world they are
moved ahead of the others (before its world is built), and one that would still run inside a
world fails at once rather than flushing the world under its neighbours.
"""

import sqlite3
import sys

import pytest
from django.db import connection, transaction

SHARED = set()  # the names of the shared-world fixtures
_open = []  # the worlds open now, innermost last
_copies = {}  # name: (the database as its build left it, what the build returned), on SQLite


def shared_world(scope="module", *, copied=False):
    """``copied=True``: on SQLite the world is built once for the whole session and copied into
    the database for each module that asks (and the database as it was copied back after it);
    elsewhere it is built per module as any other."""

    def declare(build):
        name = build.__name__

        def fixture(django_db_setup, django_db_blocker):
            # (Not inside another world's open transaction: SQLite copies no database mid-transaction.)
            if copied and connection.vendor == "sqlite" and not connection.in_atomic_block:
                yield from _copied_in(name, build, django_db_blocker)
            else:
                yield from _in_a_transaction(name, build, django_db_blocker)

        fixture.__doc__ = build.__doc__
        SHARED.add(name)
        return pytest.fixture(scope=scope, name=name)(fixture)

    return declare


def _in_a_transaction(name, build, django_db_blocker):
    # The database is open to the build and the rollback only: a test that has not asked for it
    # (``db``) is still refused it while the world is there.
    atomic = transaction.atomic()
    with django_db_blocker.unblock():
        atomic.__enter__()
        _open.append(name)
        try:
            world = build()
        except BaseException:
            _open.pop()
            atomic.__exit__(*sys.exc_info())
            raise
    try:
        yield world
    finally:
        with django_db_blocker.unblock():
            _open.pop()
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _copied_in(name, build, django_db_blocker):
    with django_db_blocker.unblock():
        connection.ensure_connection()
        live = connection.connection
        before = sqlite3.connect(":memory:")
        live.backup(before)
        if name not in _copies:
            # Built as in a transaction (nothing committed, so no on-commit work runs), and the
            # database copied as the build sees it before the rollback.
            with transaction.atomic():
                world = build()
                _copies[name] = (live.serialize(), world)
                transaction.set_rollback(True)
        data, world = _copies[name]
        copy = sqlite3.connect(":memory:")
        copy.deserialize(data)
        copy.backup(live)
        copy.close()
        _open.append(name)
    try:
        yield world
    finally:
        with django_db_blocker.unblock():
            _open.pop()
            before.backup(live)
            before.close()


def needs_commits(item):
    marker = item.get_closest_marker("django_db")
    names = getattr(item, "fixturenames", ())
    return bool(
        (marker is not None and marker.kwargs.get("transaction"))
        or "transactional_db" in names
        or "live_server" in names
    )


def uses_a_world(item):
    return bool(SHARED & set(getattr(item, "fixturenames", ())))


def commits_first(items):
    """``items`` with, in each module that uses a shared world, the tests that need commits first."""
    modules = {}
    for item in items:
        modules.setdefault(getattr(item, "module", None), []).append(item)
    ordered = []
    for module, its in modules.items():
        if module is not None and any(uses_a_world(item) for item in its):
            its = [item for item in its if needs_commits(item)] + [item for item in its if not needs_commits(item)]
        ordered.extend(its)
    return ordered


def refuse_commits_inside_a_world(item):
    if needs_commits(item) and (_open or uses_a_world(item)):
        pytest.fail(
            f"{item.nodeid} needs committed transactions but runs inside a shared world {[*_open]}: "
            "put it in a module (or package) without shared worlds",
            pytrace=False,
        )
