"""The register: filters, CSV, what governors see, and its query count."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from .factories import complete_checks, decide, make_request

pytestmark = pytest.mark.django_db


def test_it_lists_every_request_with_its_status(login, school, staff, dsl, lead):
    make_request(school, staff, event_title="Knife crime talk")
    make_request(school, dsl, event_title="Community hall letting", kind="letting")
    page = login(lead).get(reverse("speakers:register")).content.decode()
    assert "Knife crime talk" in page and "Community hall letting" in page
    assert "Awaiting checks" in page


def test_it_filters_by_status_kind_decision_organisation_and_date(login, school, staff, lead):
    soon = timezone.now() + datetime.timedelta(days=5)
    later = timezone.now() + datetime.timedelta(days=90)
    declined = make_request(school, staff, event_title="Declined talk", organisation="Shady Group", starts_at=soon)
    decide(declined, lead, outcome="decline")
    make_request(school, staff, event_title="Open letting", kind="letting", organisation="Scouts", starts_at=later)
    client = login(lead)

    def titles(**query):
        response = client.get(reverse("speakers:register"), query)
        return {r.event_title for r in response.context["page"].object_list}

    assert titles(status="declined") == {"Declined talk"}
    assert titles(kind="letting") == {"Open letting"}
    assert titles(decision="decline") == {"Declined talk"}
    assert titles(decision="none") == {"Open letting"}
    assert titles(organisation="shady") == {"Declined talk"}
    assert titles(date_from=(timezone.now() + datetime.timedelta(days=30)).date().isoformat()) == {"Open letting"}
    assert titles(date_to=(timezone.now() + datetime.timedelta(days=30)).date().isoformat()) == {"Declined talk"}


def test_it_says_when_nothing_matches(login, school, lead):
    page = login(lead).get(reverse("speakers:register"), {"organisation": "nobody"}).content.decode()
    assert "No requests match these filters" in page


def test_it_shows_upcoming_approved_events(login, school, staff, lead):
    approved = complete_checks(make_request(school, staff, event_title="Magistrate visit"), lead)
    decide(approved, lead)
    response = login(lead).get(reverse("speakers:register"))
    assert [r.event_title for r in response.context["upcoming"]] == ["Magistrate visit"]


def test_it_shows_governors_the_register_without_contact_details(login, school, staff, governor):
    make_request(school, staff)
    page = login(governor).get(reverse("speakers:register")).content.decode()
    assert "Peterborough Interfaith Forum" in page
    for detail in ("nadia.contact@forum.example", "07700 900123", "Nadia Contact"):
        assert detail not in page
    exported = login(governor).get(reverse("speakers:register-csv")).content.decode()
    assert "Peterborough Interfaith Forum" in exported
    assert "nadia.contact@forum.example" not in exported and "Contact email" not in exported


def test_it_exports_contacts_for_the_lead_with_formulas_escaped(login, school, staff, lead):
    make_request(school, staff, event_title='=HYPERLINK("http://evil")', organisation="+44 Group", place="@hall")
    response = login(lead).get(reverse("speakers:register-csv"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    header, row = rows[0], rows[1]
    assert "Contact email" in header
    assert row[header.index("Event")] == '\'=HYPERLINK("http://evil")'
    assert row[header.index("Organisation")] == "'+44 Group"
    assert row[header.index("Place")] == "'@hall"
    assert row[header.index("Contact email")] == "nadia.contact@forum.example"


def test_it_keeps_the_register_from_staff(login, staff):
    assert login(staff).get(reverse("speakers:register")).status_code == 403
    assert login(staff).get(reverse("speakers:register-csv")).status_code == 403


@pytest.mark.parametrize("size", [2, 30])
def test_it_reads_the_register_in_a_fixed_number_of_queries(
    login, school, staff, lead, size, django_assert_num_queries
):
    for i in range(size):
        speaker_request = make_request(school, staff)
        if i % 2:
            decide(speaker_request, lead, outcome="decline")
    client = login(lead)
    client.get(reverse("speakers:register"))  # warm the session
    # session, user, memberships, schools; count, page of requests, upcoming events; session save (3)
    with django_assert_num_queries(10):
        response = client.get(reverse("speakers:register"))
    assert response.status_code == 200


@pytest.mark.parametrize("size", [2, 30])
def test_it_lists_my_requests_in_a_fixed_number_of_queries(login, school, staff, size, django_assert_num_queries):
    for _ in range(size):
        make_request(school, staff)
    client = login(staff)
    client.get(reverse("speakers:request-list"))
    # session, user, memberships, schools; count, page of requests; session save (3)
    with django_assert_num_queries(9):
        client.get(reverse("speakers:request-list"))
