"""No one but the Prevent Lead and DSL (and the head, where the school says so) can read any part of a case."""

import datetime

import pytest
from django.db import connection
from django.urls import reverse

from accounts.models import AuditEvent
from referrals.models import CaseAccess

from ..factories import UserFactory
from .factories import make_action, make_case, make_decision


@pytest.fixture
def case(world):
    case = make_case(world.school, world.lead, summary="Secret summary of the concern", pupil_identifier="CPOMS-SECRET")
    make_decision(case, world.lead)
    return case


def case_urls(case):
    """Every URL that shows or changes part of a case, with the method it takes."""
    action = make_action(case, case.recorded_by, due_on=datetime.date(2026, 12, 1))
    urls = [
        ("get", reverse("referrals:case-list")),
        ("get", reverse("referrals:case-add")),
        ("post", reverse("referrals:case-add")),
        ("get", reverse("referrals:access-log")),
        ("post", reverse("referrals:action-done", args=[case.pk, action.pk])),
    ]
    for name in [
        "case-detail",
        "case-export",
        "decision-add",
        "agency-contact-add",
        "channel-add",
        "action-add",
        "sharing-add",
        "case-close",
    ]:
        url = reverse(f"referrals:{name}", args=[case.pk])
        urls += [("get", url), ("post", url)]
    return urls


@pytest.fixture
def site_admin(db):
    return UserFactory(email="admin@site.example", is_staff=True, is_superuser=True)


@pytest.mark.parametrize("persona", ["staff", "governor", "trust", "head", "site_admin", "outsider"])
def test_it_answers_404_to_every_case_url_for_everyone_else(world, case, site_admin, login, persona):
    world.site_admin = site_admin
    client = login(getattr(world, persona))
    for method, url in case_urls(case):
        response = getattr(client, method)(url, {"kind": "nfa", "rationale": "x"})
        if persona == "outsider" and f"/{case.pk}/" not in url:
            # The outsider is the Prevent Lead of school B: these pages show school B's own cases.
            assert response.status_code == 200
        else:
            assert response.status_code == 404, (persona, method, url, response.status_code)
        assert b"CPOMS-SECRET" not in response.content
        assert case.reference.encode() not in response.content
    assert not CaseAccess.objects.exclude(user__in=[world.lead]).exists()
    assert case.decisions.count() == 1


def test_it_lets_the_head_in_when_the_school_turns_it_on(world, case, login):
    world.school.head_sees_referrals = True
    world.school.save()
    client = login(world.head)
    assert client.get(reverse("referrals:case-list")).status_code == 200
    assert client.get(reverse("referrals:case-detail", args=[case.pk])).status_code == 200
    # The access log stays the Lead's.
    assert client.get(reverse("referrals:access-log")).status_code == 404


@pytest.mark.parametrize("persona", ["lead", "dsl"])
def test_it_logs_every_view_of_a_case(world, case, login, persona):
    client = login(getattr(world, persona))
    user = getattr(world, persona)
    pages = [
        "case-detail",
        "decision-add",
        "agency-contact-add",
        "channel-add",
        "action-add",
        "sharing-add",
        "case-close",
    ]
    for n, name in enumerate(pages, start=1):
        response = client.get(reverse(f"referrals:{name}", args=[case.pk]))
        assert response.status_code == 200
        assert CaseAccess.objects.filter(case=case, user=user).count() == n, name
    assert AuditEvent.objects.filter(action="view", actor=user, object_id=str(case.pk)).count() == len(pages)


def test_it_logs_an_export_and_the_lead_sees_it(world, case, login):
    response = login(world.dsl).get(reverse("referrals:case-export", args=[case.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "CPOMS-SECRET" in response.content.decode("utf-8-sig")
    assert CaseAccess.objects.get(user=world.dsl).what == "Exported the case (CSV)"
    assert AuditEvent.objects.filter(action="export", actor=world.dsl, object_id=str(case.pk)).exists()

    page = login(world.lead).get(reverse("referrals:access-log")).content.decode()
    assert "Dee Dsl" in page
    assert "Exported the case (CSV)" in page
    assert case.reference in page


def test_it_shows_the_dsl_no_access_log(world, login):
    assert login(world.dsl).get(reverse("referrals:access-log")).status_code == 404


def test_it_shows_an_empty_access_log(world, login):
    assert "No one has opened a case yet" in login(world.lead).get(reverse("referrals:access-log")).content.decode()


def test_it_hides_another_schools_case_from_its_lead(world, login):
    other_case = make_case(world.other_school, world.outsider)
    response = login(world.lead).get(reverse("referrals:case-detail", args=[other_case.pk]))
    assert response.status_code == 404


def test_it_reads_a_case_in_the_same_number_of_queries_however_long_it_is(
    world, case, login, django_assert_num_queries
):
    client = login(world.lead)
    url = reverse("referrals:case-detail", args=[case.pk])
    client.get(url)
    # middleware (4); the case; the access-log row and the audit event (last hash, insert, in
    # one savepoint; on PostgreSQL also the chain's advisory lock); decisions, agency contacts,
    # panels, actions, sharing, triages, consents, Channel exits and reviews, legal holds,
    # retention reviews; the session saved
    expected = 24 + (connection.vendor == "postgresql")
    with django_assert_num_queries(expected) as small:
        client.get(url)
    for n in range(5):
        make_decision(case, world.lead)
        make_action(case, world.lead, due_on=datetime.date(2026, 12, 1 + n))
    with django_assert_num_queries(len(small.captured_queries)):
        client.get(url)


def test_the_export_lists_the_case_its_decisions_and_actions_in_order(world, case, login):
    import csv
    import io

    make_action(case, world.lead, due_on=datetime.date(2026, 12, 1), description="Mentor meets the pupil weekly")
    response = login(world.dsl).get(reverse("referrals:case-export", args=[case.pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Section", "Date", "What", "Detail", "By"]
    sections = [row[0] for row in rows[1:]]
    assert sections == ["Case", "Case", "Case", "Case", "Decision", "Agreed action"]
    assert rows[1][2:4] == ["Concern raised", "Secret summary of the concern"]
    assert rows[2][2:4] == ["Pupil identifier", "CPOMS-SECRET"]
    assert rows[5][3] == "Because of the test."
    assert rows[6][1:4] == ["2026-12-01", "Mentor meets the pupil weekly", "not done"]
