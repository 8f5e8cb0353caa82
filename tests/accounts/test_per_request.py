"""Whole-school reads are computed once per GET and shared (core/per_request.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.per_request import memo_scope, per_request

calls = []


@per_request
def _read(school, flag=None):
    calls.append((school, flag))
    return [school, flag]


@pytest.fixture(autouse=True)
def _no_calls():
    calls.clear()


def test_it_runs_the_read_once_per_scope_for_a_school_by_object_or_key(school):
    with memo_scope():
        first = _read(school)
        assert _read(school.pk) is first
        assert _read(school, flag=1) is not first  # other arguments: another read
    assert len(calls) == 2


def test_outside_a_scope_every_call_reads(school):
    _read(school)
    _read(school)
    assert len(calls) == 2


def test_scopes_do_not_share(school):
    with memo_scope():
        _read(school)
    with memo_scope():
        _read(school)
    assert len(calls) == 2


def test_the_dashboard_reads_the_members_and_confirmations_once(school, lead, governor, login):
    """Its live measures, confirmation table and headline figures share one read of each (before:
    the confirmation rates were computed four times, the training matrix twice)."""
    from tests.compliance.reports_world import fill_school

    fill_school(school, lead, size=2, template=True)
    client = login(governor)
    client.get(reverse("compliance:dashboard"))
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("compliance:dashboard")).status_code == 200
    selects = [q["sql"] for q in captured if q["sql"].startswith("SELECT")]
    confirmations = [sql for sql in selects if sql.startswith('SELECT "training_acknowledgement"."user_id"')]
    members = [sql for sql in selects if 'FROM "accounts_membership"' in sql and "full_name" in sql.split("FROM")[0]]
    assert len(confirmations) == 1, confirmations
    assert len(members) <= 2, members  # the plain values for counts, the people for lists


def test_a_post_reads_afresh(school, lead, login):
    """A request that writes may read again after its write: no memo outside GET and HEAD."""
    from core.per_request import _memo

    seen = []

    def view_probe(request):
        seen.append(_memo.get())

    from django.test import RequestFactory

    from core.per_request import PerRequestMemoMiddleware

    middleware = PerRequestMemoMiddleware(view_probe)
    middleware(RequestFactory().post("/"))
    middleware(RequestFactory().get("/"))
    assert seen[0] is None
    assert seen[1] == {}
