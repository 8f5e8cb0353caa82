"""Shared pieces of the reliability tests (issue 16): evidence, the audit chain, export, mail,
and real races between threads, each with its own connection.

The races need a database that runs writers side by side: PostgreSQL (as in production and CI).
On SQLite, which lets one writer in at a time, the tests that race say so and skip; the rest run.
"""

import re
import threading

import pytest
from django.db import connection, connections
from django.test import Client


def pytest_collection_modifyitems(items):
    """Every test here is marked ``reliability``: ``pytest -m reliability`` runs the suite alone."""
    for item in items:
        if "tests/reliability/" in str(item.path).replace("\\", "/"):
            item.add_marker(pytest.mark.reliability)


postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL (roles, concurrent writers, advisory locks)"
)
needs_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="a race needs concurrent writers: run with DATABASE_URL=postgres://... (CI does)",
)
faults_need_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the faults are PostgreSQL triggers: run with DATABASE_URL=postgres://... (CI does)",
)


def run_together(*functions, timeout=120):
    """Run each function in its own thread, all released at the same instant.

    Returns (results, errors): the functions' return values in order, and any exceptions.
    Each thread closes its database connection when done.
    """
    start = threading.Barrier(len(functions))
    results, errors = [None] * len(functions), []

    def run(index, function):
        try:
            start.wait()
            results[index] = function()
        except Exception as error:  # noqa: BLE001 - the caller asserts there were none
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, f)) for i, f in enumerate(functions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    assert not any(t.is_alive() for t in threads), "a thread is stuck (a lock never released?)"
    return results, errors


def signed_in(user):
    """A browser of its own, signed in as ``user``; server errors come back as pages."""
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def form_values(html, action=None):
    """The hidden fields (submission token, version...) of the page's own POST form (the first
    that posts back to the page), or of the one posting to ``action``."""
    for form in re.finditer(r"<form\b([^>]*)>(.*?)</form>", html, re.S):
        attrs, body = form.groups()
        if 'method="post"' not in attrs:
            continue
        if (f'action="{action}"' not in attrs) if action is not None else ("action=" in attrs):
            continue
        return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', body))
    raise AssertionError("no POST form on the page")
