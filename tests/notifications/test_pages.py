"""A person's notifications on the home page and their own page: mark as read, paginate, settings;
another person's or another school's notification is a 404."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from notifications.models import Frequency, Kind, Notification, NotificationSettings


def _make(school, person, n=1, kind=Kind.SPEAKER_REQUEST):
    return [
        Notification.objects.create(
            school=school, recipient=person, kind=kind, text=f"New request number {i}", link="/speakers/"
        )
        for i in range(n)
    ]


def test_the_home_page_lists_the_newest_unread_with_mark_as_read(login, school, lead):
    _make(school, lead, 7)
    page = login(lead).get(reverse("home")).content.decode()
    assert "7 new" in page
    assert "New request number 6" in page and "New request number 1" not in page  # five shown, newest first
    assert page.count(">Mark as read<") == 5 and "Mark all as read" in page
    assert "(7 unread)" in page


def test_the_home_page_has_an_empty_state(login, school, staff):
    page = login(staff).get(reverse("home")).content.decode()
    assert "No new notifications." in page and "Choose which come by email" in page


def test_marking_one_as_read_returns_to_the_page(login, school, lead):
    first, second = _make(school, lead, 2)
    client = login(lead)
    response = client.post(reverse("notifications:read", args=[first.pk]), {"next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    first.refresh_from_db(), second.refresh_from_db()
    assert first.is_read and not second.is_read
    assert "Marked as read." in client.get("/").content.decode()


def test_marking_all_as_read(login, school, lead, other_school, dual):
    _make(school, lead, 3)
    response = login(lead).post(reverse("notifications:read-all"))
    assert response.status_code == 302 and response["Location"] == reverse("notifications:list")
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_another_persons_or_another_schools_notification_is_a_404(login, school, lead, staff, dual, other_school):
    [theirs] = _make(school, lead)
    assert login(staff).post(reverse("notifications:read", args=[theirs.pk])).status_code == 404
    # The dual persona's own notification in school A, while they work in school B.
    [own_in_a] = _make(school, dual)
    _make(other_school, dual)
    client = login(dual)
    client.post(reverse("accounts:switch-school"), {"school": other_school.pk})
    assert client.post(reverse("notifications:read", args=[own_in_a.pk])).status_code == 404
    page = client.get(reverse("notifications:list")).content.decode()
    assert page.count(">Mark as read<") == 1  # only school B's
    assert not Notification.objects.filter(read_at__isnull=False).exists()


def test_the_list_paginates_and_has_an_empty_state(login, school, lead, staff):
    _make(school, lead, 25)
    client = login(lead)
    page = client.get(reverse("notifications:list")).content.decode()
    assert "Page 1 of 2" in page and page.count(">Mark as read<") == 20
    assert client.get(reverse("notifications:list") + "?page=2").content.decode().count(">Mark as read<") == 5
    assert "You have no notifications yet" in login(staff).get(reverse("notifications:list")).content.decode()


@pytest.mark.parametrize("size", [3, 30])
def test_the_lists_query_counts_do_not_grow(login, school, lead, size, django_assert_num_queries):
    _make(school, lead, size)
    client = login(lead)
    client.get(reverse("notifications:list"))  # warm: the session, the school's caches
    # the session, the user, their roles and schools (2), the page's count and its notifications,
    # the session's save (a savepoint, the update, its release)
    with django_assert_num_queries(9):
        client.get(reverse("notifications:list"))


@pytest.mark.parametrize("size", [3, 30])
def test_the_home_pages_notifications_cost_two_queries_whatever_their_number(
    login, school, staff, size, django_assert_num_queries
):
    client = login(staff)
    client.get(reverse("home"))
    with CaptureQueriesContext(connection) as empty:
        client.get(reverse("home"))
    _make(school, staff, size)
    # The same queries with notifications as without: the newest five and the count of unread.
    with django_assert_num_queries(len(empty.captured_queries)):
        client.get(reverse("home"))


def test_the_settings_page_offers_the_kinds_that_concern_the_person(login, school, lead, staff):
    page = login(staff).get(reverse("notifications:settings")).content.decode()
    assert "Decisions on your speaker requests" in page and "Your training about to lapse" in page
    assert "New speaker and letting requests" not in page and "Referral case actions" not in page
    page = login(lead).get(reverse("notifications:settings")).content.decode()
    assert "New speaker and letting requests" in page and "Referral case actions falling due" in page


def test_saving_the_settings_keeps_the_kinds_not_offered(login, school, staff):
    NotificationSettings.objects.create(user=staff, emails_off=[Kind.CASE_ACTION_DUE])  # from another school
    response = login(staff).post(
        reverse("notifications:settings"), {"emails": [Kind.SPEAKER_DECISION], "frequency": Frequency.WEEKLY}
    )
    assert response.status_code == 302
    saved = NotificationSettings.objects.get(user=staff)
    assert saved.frequency == Frequency.WEEKLY
    assert set(saved.emails_off) == {Kind.CASE_ACTION_DUE, Kind.TRAINING_LAPSING}
    assert "Your notification settings are saved." in login(staff).get(response["Location"]).content.decode()


def test_a_governor_and_a_trust_officer_have_the_pages(login, school, governor, trust):
    for person in (governor, trust):
        assert login(person).get(reverse("notifications:list")).status_code == 200
        assert login(person).get(reverse("notifications:settings")).status_code == 200


def test_the_lead_sees_governors_questions_waiting_for_an_answer(login, school, lead, governor, staff):
    from compliance.reports.snapshots import challenge_ask

    from ..security.matrix.reports import _snapshot

    snapshot = _snapshot(type("World", (), {"school": school, "lead": lead})())
    challenge_ask(snapshot=snapshot, question="Who still needs Channel training?", by=governor)
    page = login(lead).get(reverse("home")).content.decode()
    assert "Governors&#x27; questions waiting for an answer" in page
    assert "Gita Governor asked a question about the report" in page
    assert "Governors&#x27; questions waiting" not in login(staff).get(reverse("home")).content.decode()
