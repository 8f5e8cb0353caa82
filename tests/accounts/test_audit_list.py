"""The Prevent Lead searches their school's audit trail; nobody else sees it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.audit import record_event

pytestmark = pytest.mark.django_db
URL = reverse("accounts:audit-list")


def _event(school, by, *, object_type="training.acknowledgement", object_id="1", action="create"):
    return record_event(action=action, by=by, school=school, object_type=object_type, object_id=object_id)


def test_it_lists_the_schools_events_newest_first(login, lead, staff, school, other_school, outsider):
    _event(school, staff, object_id="1")
    _event(school, lead, object_type="referrals.referralcase", object_id="9", action="view")
    record_event(action="create", by=outsider, school=other_school, object_type="secret.thing", object_id="77")
    html = login(lead).get(URL).content.decode()
    assert "2 events" in html
    assert html.index("referrals.referralcase #9") < html.index("training.acknowledgement #1")
    assert "secret.thing" not in html


def test_it_filters_by_person_record_and_action(login, lead, staff, school):
    _event(school, staff, object_id="1")
    _event(school, staff, object_id="2")
    _event(school, lead, object_type="referrals.referralcase", object_id="9", action="view")
    client = login(lead)
    html = client.get(URL, {"person": staff.pk}).content.decode()
    assert "2 events matching" in html
    html = client.get(URL, {"object_type": "training.acknowledgement", "object_id": "2"}).content.decode()
    assert "1 event matching" in html and "training.acknowledgement #2" in html
    html = client.get(URL, {"action": "view"}).content.decode()
    assert "1 event matching" in html and "referrals.referralcase #9" in html


def test_it_filters_by_date(login, lead, school, monkeypatch):
    # The table refuses updates, so the clock is moved back instead of editing an event.
    ten_days_ago = timezone.now() - datetime.timedelta(days=10)
    monkeypatch.setattr("accounts.audit.timezone.now", lambda: ten_days_ago)
    _event(school, lead, object_id="old")
    monkeypatch.undo()
    _event(school, lead, object_id="new")
    today = timezone.localdate()
    html = login(lead).get(URL, {"date_from": today.isoformat(), "date_to": today.isoformat()}).content.decode()
    assert "1 event matching" in html and "#new" in html and "#old" not in html


def test_it_says_so_when_the_dates_are_the_wrong_way_round(login, lead, school):
    response = login(lead).get(URL, {"date_from": "2026-09-10", "date_to": "2026-09-01"})
    assert response.status_code == 200
    assert "The end date is before the start date." in response.content.decode()


def test_it_has_an_empty_state(login, lead):
    html = login(lead).get(URL).content.decode()
    # Signing in (force_login) writes no event, so the school's trail is empty.
    assert "Nothing has been recorded for this school yet" in html


@pytest.mark.parametrize("persona", ["staff", "dsl", "head", "governor", "trust"])
def test_other_roles_may_not_see_it(request, login, persona):
    assert login(request.getfixturevalue(persona)).get(URL).status_code == 403


def test_the_lead_sees_the_link_in_the_navigation(login, lead, staff, client):
    assert URL in login(lead).get(reverse("home")).content.decode()
    client.logout()
    assert URL not in login(staff).get(reverse("home")).content.decode()


def test_it_paginates(login, lead, school):
    for n in range(55):
        _event(school, lead, object_id=str(n))
    client = login(lead)
    assert "Page 1 of 2" in client.get(URL).content.decode()
    assert "#0<" in client.get(URL, {"page": 2}).content.decode().replace(" ", "").replace("\n", "<")


@pytest.mark.parametrize("size", [3, 30])
def test_its_query_count_does_not_grow_with_the_trail(login, lead, school, size, django_assert_num_queries):
    for n in range(size):
        _event(school, lead, object_id=str(n), object_type=f"training.kind{n % 3}")
    client = login(lead)
    # session, user, memberships, schools; record types, person choices; count, page of events;
    # the session saved (SESSION_SAVE_EVERY_REQUEST): savepoint, update, release.
    with django_assert_num_queries(11):
        client.get(URL, {"object_type": "training.kind1"})
