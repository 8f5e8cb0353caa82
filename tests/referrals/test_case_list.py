import datetime

from django.db import connection
from django.urls import reverse

from .factories import make_action, make_case, make_decision


def _cases(world, count):
    for n in range(count):
        case = make_case(world.school, world.lead, raised_on=datetime.date(2026, 9, 1) + datetime.timedelta(days=n))
        make_decision(case, world.lead)
        make_action(case, world.lead, due_on=datetime.date(2026, 9, 2))


def test_it_lists_open_cases_with_their_latest_decision(world, login):
    _cases(world, 2)
    page = login(world.dsl).get(reverse("referrals:case-list")).content.decode()
    assert "PRV-2026-001" in page and "PRV-2026-002" in page
    assert "Seek advice" in page
    assert "overdue" in page


def test_it_says_what_to_do_when_there_are_no_cases(world, login):
    page = login(world.lead).get(reverse("referrals:case-list")).content.decode()
    assert "No concerns have been recorded yet" in page


def test_it_reads_the_list_in_the_same_number_of_queries_at_two_sizes(world, login, django_assert_num_queries):
    client = login(world.lead)
    client.get(reverse("referrals:case-list"))  # warm the session
    _cases(world, 2)
    # session, user, memberships, schools (middleware); count, page of cases (latest decision and
    # action counts annotated), overdue actions with their case and owner; the access log (in a
    # savepoint: one insert for every case shown, the audit event's last hash and insert; on
    # PostgreSQL also the chain's advisory lock); the session saved (savepoint, update, release)
    expected = 15 + (connection.vendor == "postgresql")
    with django_assert_num_queries(expected):
        assert client.get(reverse("referrals:case-list")).status_code == 200
    _cases(world, 20)
    with django_assert_num_queries(expected):
        assert client.get(reverse("referrals:case-list")).status_code == 200


def test_case_list_is_access_logged_for_every_case_it_shows(world, login):
    """Issue 14 (Low): the list shows each case's reference, dates, decision and overdue actions,
    yet only the case pages were in the access log."""
    from accounts.models import AuditEvent
    from referrals.models import CaseAccess

    _cases(world, 2)
    assert login(world.dsl).get(reverse("referrals:case-list")).status_code == 200
    logged = CaseAccess.objects.filter(user=world.dsl)
    assert sorted(a.case.reference for a in logged) == ["PRV-2026-001", "PRV-2026-002"]
    assert {a.what for a in logged} == {"Saw it in the case list"}
    event = AuditEvent.objects.get(action="view", actor=world.dsl, object_type="referrals.case")
    assert event.changes == {"what": "Viewed the case list", "cases": ["PRV-2026-001", "PRV-2026-002"]}
    # The Lead reads it in the access log like any other view.
    page = login(world.lead).get(reverse("referrals:access-log")).content.decode()
    assert "Saw it in the case list" in page


def test_case_list_with_no_cases_logs_nothing(world, login):
    from referrals.models import CaseAccess

    login(world.lead).get(reverse("referrals:case-list"))
    assert not CaseAccess.objects.exists()
