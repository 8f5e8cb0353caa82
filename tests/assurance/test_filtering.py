"""Filtering and monitoring: who is responsible, the yearly review, the check log, and query counts."""

import datetime
import uuid

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assurance.models import FilteringCheck, FilteringRecord, FilteringReview
from core.periods import previous_academic_year

from . import factories as f


def _url(name, record):
    return reverse(f"assurance:{name}", kwargs={"pk": record.pk})


def test_a_new_year_keeps_who_is_responsible_and_the_providers(login, lead, head, governor, school):
    old = f.filtering(school, lead, year=previous_academic_year(f.this_year()))
    old.senior_leader, old.governor, old.filtering_provider = head, governor, "Trust web filter"
    old.save()
    login(lead).post(reverse("assurance:filtering-start"))
    new = FilteringRecord.objects.get(school=school, academic_year=f.this_year())
    assert (new.senior_leader, new.governor, new.filtering_provider) == (head, governor, "Trust web filter")


def test_the_lead_names_a_senior_leader_and_a_governor(login, lead, head, governor, staff, school):
    record = f.filtering(school, lead)
    client = login(lead)
    data = {"senior_leader": head.pk, "governor": governor.pk, "filtering_provider": "Trust filter", "version": 1}
    assert client.post(_url("filtering-edit", record), data).status_code == 302
    record.refresh_from_db()
    assert (record.senior_leader, record.governor) == (head, governor)
    # Only a governor of the school may be the governor responsible.
    response = client.post(_url("filtering-edit", record), {**data, "governor": staff.pk, "version": record.version})
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()


def test_the_yearly_review_and_a_check_are_recorded_once_each(login, lead, school):
    record = f.filtering(school, lead)
    client = login(lead)
    today = timezone.localdate().isoformat()
    review = {
        "reviewed_on": today,
        "participants": "Head, DSL, IT manager, governor",
        "checked": "Every category; alerts",
        "findings": "News sites over-blocked for the sixth form",
        "blocking_decisions": "News allowed for the sixth form",
        "nonce": uuid.uuid4().hex,
    }
    check = {
        "checked_on": today,
        "category": "extremism",
        "method": "Test searches on a Year 9 account",
        "done_by": "The DSL",
        "result": "not_blocked",
        "nonce": uuid.uuid4().hex,
    }
    for _ in range(2):
        assert client.post(_url("filtering-review-add", record), review).status_code == 302
        assert client.post(_url("filtering-check-add", record), check).status_code == 302
    assert FilteringReview.objects.count() == 1 and FilteringCheck.objects.count() == 1
    page = client.get(_url("filtering-detail", record)).content.decode()
    assert "News allowed for the sixth form" in page
    assert "Not blocked or not alerted: a gap" in page
    assert 'Checks this term</dt><dd class="col-6">1 (1 gap found)' in page


def test_a_check_in_the_future_is_refused(login, lead, school):
    record = f.filtering(school, lead)
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    data = {
        "checked_on": tomorrow,
        "category": "drugs",
        "method": "x",
        "done_by": "x",
        "result": "blocked",
        "nonce": "z",
    }
    assert login(lead).post(_url("filtering-check-add", record), data).status_code == 200
    assert not FilteringCheck.objects.exists()


def test_governors_and_the_dsl_read_the_log_but_do_not_add_to_it(login, lead, governor, dsl, school):
    record = f.filtering(school, lead)
    f.filtering_check(record, lead)
    for person in (governor, dsl):
        client = login(person)
        assert client.get(_url("filtering-detail", record)).status_code == 200
        assert client.get(_url("filtering-check-add", record)).status_code == 403


def test_the_page_runs_the_same_queries_with_2_or_30_checks(login, lead, school, django_assert_num_queries):
    record = f.filtering(school, lead)
    f.filtering_review(record, lead)
    for _ in range(2):
        f.filtering_check(record, lead, result="not_blocked")
    client = login(lead)
    client.get(_url("filtering-detail", record))
    # Session, user, memberships and schools; the record; reviews; a page of checks (count and rows);
    # their plan actions (reviews, checks); the state (last review, term counts, last check); other years.
    with CaptureQueriesContext(connection) as small:
        assert client.get(_url("filtering-detail", record)).status_code == 200
    for _ in range(28):
        f.filtering_check(record, lead, result="not_blocked")
    with django_assert_num_queries(len(small)):
        assert client.get(_url("filtering-detail", record)).status_code == 200
