"""An error after the data committed: the page says it was saved, and a retry saves nothing twice.

Found under load: when saving the session failed after a case was committed, the person saw a
bare "Bad Request", and the retry made a second case; the error page said nothing had been
saved, which was then false.

The faults are real: PostgreSQL triggers make the database delete the session, refuse to save
it, or refuse the case, at the moment the request reaches them.
"""

import datetime

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from accounts.submissions import ALREADY_SAVED
from referrals.models import Case
from tests.referrals.factories import category_pk

from .conftest import faults_need_postgres, form_values, signed_in

pytestmark = [faults_need_postgres, pytest.mark.django_db(transaction=True)]

FAULTS = {
    # Signed out in another tab while the case was being saved: the session row is gone.
    "session_deleted": (
        "referrals_case",
        "AFTER INSERT",
        "DELETE FROM django_session; RETURN NEW;",
    ),
    # The database refuses to save the session after the case committed.
    "session_refused": ("django_session", "BEFORE UPDATE", "RAISE EXCEPTION 'disk full (test)';"),
    # The database refuses the case itself: nothing is saved.
    "case_refused": ("referrals_case", "BEFORE INSERT", "RAISE EXCEPTION 'disk full (test)';"),
}


def _install(fault):
    table, when, body = FAULTS[fault]
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE FUNCTION test_fault() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN {body} END $$")
        cursor.execute(f"CREATE TRIGGER test_fault {when} ON {table} FOR EACH ROW EXECUTE FUNCTION test_fault()")


def _remove(fault):
    table = FAULTS[fault][0]
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TRIGGER IF EXISTS test_fault ON {table}")
        cursor.execute("DROP FUNCTION IF EXISTS test_fault()")


@pytest.fixture
def case_form(staff, lead):
    client = signed_in(lead)
    url = reverse("referrals:case-add")
    data = {
        **form_values(client.get(url).content.decode()),
        "pupil_identifier": "CPOMS-500",
        "year_group": "9",
        "concern_category": category_pk(),
        "raised_on": timezone.localdate() - datetime.timedelta(days=1),
        "raised_by": staff.pk,
        "summary": "Comments in class.",
    }
    return client, url, data


@pytest.mark.parametrize("fault", ["session_deleted", "session_refused"])
def test_a_failure_after_the_commit_says_it_was_saved_and_the_retry_saves_nothing_more(fault, case_form, lead):
    client, url, data = case_form
    _install(fault)
    try:
        answer = client.post(url, data)
    finally:
        _remove(fault)
    page = answer.content.decode()
    case = Case.objects.get()
    assert answer.status_code == 400
    assert "Your change was saved." in page and "Nothing was saved" not in page
    assert reverse("referrals:case-detail", args=[case.pk]) in page  # a link to what was saved
    if fault == "session_deleted":
        assert "Your session ended" in page
        client.force_login(lead)
    else:
        assert "could not be kept up to date" in page
    # The person sends the same form again (the browser's retry, or Back and Save).
    retry = client.post(url, data, follow=True)
    assert Case.objects.count() == 1
    assert retry.redirect_chain[0][0] == reverse("referrals:case-detail", args=[case.pk])
    assert ALREADY_SAVED in retry.content.decode().replace("&#x27;", "'")


def test_a_failure_before_the_commit_says_nothing_was_saved(case_form):
    client, url, data = case_form
    _install("case_refused")
    try:
        answer = client.post(url, data)
    finally:
        _remove("case_refused")
    page = answer.content.decode()
    assert answer.status_code == 500
    assert "Nothing was saved." in page and "Your change was saved" not in page
    assert Case.objects.count() == 0
    retry = client.post(url, data)  # the retry, the database well again, saves it once
    assert retry.status_code == 302 and Case.objects.count() == 1


def test_a_page_that_failed_to_show_says_nothing_was_changed(lead):
    client = signed_in(lead)
    _install("session_refused")
    try:
        answer = client.get(reverse("referrals:case-list"))
    finally:
        _remove("session_refused")
    assert answer.status_code == 400
    assert "Nothing was changed." in answer.content.decode()
