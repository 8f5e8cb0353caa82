"""The Lead's pages: documents, progress by role and person, chase list, CSV, defaults, edit, retire."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from accounts.models import Role
from tests.factories import member
from training.default_documents import documents_create_defaults
from training.models import Document
from training.selectors.documents import acknowledgement_rates

from .factories_documents import confirm, document

pytestmark = pytest.mark.django_db


def _staff(school, n, **fields):
    return [member(school, Role.STAFF, **fields) for _ in range(n)]


def test_the_overview_offers_the_defaults_when_there_are_no_documents(login, lead):
    page = login(lead).get(reverse("training:document-overview")).content.decode()
    assert "No documents yet" in page
    assert "Add the default documents" in page


@time_machine.travel(datetime.datetime(2026, 11, 30, 9, tzinfo=datetime.UTC), tick=False)
def test_the_default_documents_are_added_once(login, lead, staff, school):
    client = login(lead)
    response = client.post(reverse("training:document-defaults"), follow=True)
    assert "9 documents added" in response.content.decode()
    kcsie = Document.objects.get(school=school, slug="kcsie")
    # The edition in force on the day, from the guidance catalogue.
    assert kcsie.current_version.label == "2026"
    assert str(kcsie.current_version.effective_on) == "2026-09-01"
    assert kcsie.reading_for({"staff"}) == "Part one"
    assert kcsie.reading_for({"staff", "prevent_lead"}) == "Part one and Annex B"
    assert "governor" in kcsie.audience
    prevent = Document.objects.get(school=school, slug="prevent-duty-guidance")
    assert prevent.current_version.label == "2023"
    assert Document.objects.get(school=school, slug="working-together").current_version.label == "2023"
    assert Document.objects.filter(school=school, references_prevent=True).count() == 8
    client.post(reverse("training:document-defaults"))
    assert Document.objects.filter(school=school).count() == 9
    # Staff are asked only for what has a version to open.
    tasks = login(staff).get(reverse("training:document-list")).context["tasks"]
    assert [t.document.slug for t in tasks] == ["kcsie"]


def test_create_default_documents_returns_nothing_the_second_time(school, lead):
    assert len(documents_create_defaults(school=school, by=lead)) == 9
    assert documents_create_defaults(school=school, by=lead) == []


def test_the_lead_adds_a_document_then_publishes_it(login, lead, school):
    client = login(lead)
    response = client.post(
        reverse("training:document-add"),
        {
            "title": "Visiting speakers policy",
            "slug": "speakers-policy",
            "kind": "policy",
            "audience": ["staff", "prevent_lead"],
            "reading_staff": "Sections 1 to 3",
            "references_prevent": "on",
        },
    )
    doc = Document.objects.get(school=school, slug="speakers-policy")
    assert response.status_code == 302
    assert response["Location"] == reverse("training:version-publish", args=[doc.pk])
    assert doc.audience == ["staff", "prevent_lead"]
    assert doc.reading == {"staff": "Sections 1 to 3"}


def test_two_documents_cannot_share_a_short_name(login, lead, school):
    document(school, lead)
    response = login(lead).post(
        reverse("training:document-add"), {"title": "Other", "slug": "kcsie", "kind": "policy", "audience": ["staff"]}
    )
    assert response.status_code == 200
    assert "already uses this short name" in response.content.decode()


def test_a_second_editor_is_told_instead_of_overwriting(login, lead, school):
    doc = document(school, lead)
    data = {"title": "KCSIE", "slug": "kcsie", "kind": "statutory_guidance", "audience": ["staff"], "version": 1}
    client = login(lead)
    assert client.post(reverse("training:document-edit", args=[doc.pk]), data).status_code == 302
    response = client.post(reverse("training:document-edit", args=[doc.pk]), {**data, "title": "Stale"})
    assert response.status_code == 200
    assert "Someone else saved a change" in response.content.decode()
    doc.refresh_from_db()
    assert doc.title == "KCSIE"


def test_retiring_takes_it_off_everyones_list(login, lead, staff, school):
    doc = document(school, lead)
    login(lead).post(reverse("training:document-retire", args=[doc.pk]))
    doc.refresh_from_db()
    assert doc.is_retired
    assert login(staff).get(reverse("training:document-list")).context["tasks"] == []


def test_progress_shows_read_and_outstanding_by_role_and_person(login, lead, staff, dsl, head, school):
    doc = document(school, lead)
    confirm(staff, doc)
    response = login(lead).get(reverse("training:document-progress", args=[doc.pk]))
    assert response.context["required"] == 4
    assert response.context["confirmed"] == 1
    by_role = {label: rest for label, *rest in response.context["by_role"]}
    assert by_role["Staff"] == [4, 1, 3]
    people = list(response.context["page"])
    assert people[-1].user == staff and people[-1].acknowledgement is not None
    assert all(p.acknowledgement is None for p in people[:-1])


def test_the_chase_list_names_who_is_outstanding(login, lead, staff, dsl, school):
    doc = document(school, lead)
    confirm(staff, doc)
    response = login(dsl).get(reverse("training:document-chase"))
    # The rows hold each person as plain values (Member: pk, name, email), not a loaded user.
    names = [person.pk for person, _ in response.context["page"]]
    assert staff.pk not in names and dsl.pk in names and lead.pk in names
    assert "Remind outstanding staff" not in response.content.decode()  # the DSL may look, not remind


def test_the_csv_escapes_spreadsheet_formulas(login, lead, school):
    doc = document(school, lead)
    member(school, Role.STAFF, full_name='=HYPERLINK("http://evil")', email="evil@school.example")
    response = login(lead).get(reverse("training:document-progress-csv", args=[doc.pk]))
    body = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert "'=HYPERLINK" in body
    assert "\n=HYPERLINK" not in body


def test_the_home_page_tells_the_lead_who_is_outstanding(login, lead, staff, school):
    document(school, lead)
    items = login(lead).get(reverse("home")).context["attention"]
    item = next(i for i in items if i.label == "Staff with documents outstanding")
    assert item.count == 2


def test_the_measure_gives_the_share_confirmed(school, lead, staff, dsl):
    from compliance.measures import REGISTRY

    doc = document(school, lead)
    confirm(staff, doc)
    result = REGISTRY["documents.confirmed"].compute(school, document="kcsie")
    assert (result.numerator, result.denominator) == (1, 3)
    assert sorted(result.shortfall) == sorted([lead.full_name, dsl.full_name])
    assert REGISTRY["documents.confirmed"].compute(school, document="statutory_guidance").denominator == 3
    assert REGISTRY["documents.confirmed"].compute(school, document="nothing").denominator == 0


@pytest.mark.parametrize("size", [3, 15])
def test_acknowledgement_rates_runs_three_queries_whatever_the_size(school, lead, size, django_assert_num_queries):
    docs = [document(school, lead, slug=f"d{n}", title=f"Doc {n}") for n in range(3)]
    for person in _staff(school, size):
        confirm(person, docs[0])
    # documents with current versions; members with users; live confirmations
    with django_assert_num_queries(3):
        rates = acknowledgement_rates(school)
    assert rates[0].confirmed == size


@pytest.mark.parametrize("size", [3, 15])
def test_the_progress_page_runs_the_same_queries_whatever_the_size(
    login, lead, school, size, django_assert_num_queries
):
    doc = document(school, lead)
    for person in _staff(school, size):
        confirm(person, doc)
    client = login(lead)
    client.get(reverse("training:document-progress", args=[doc.pk]))
    # session, user, memberships, schools (middleware); document; members; confirmations;
    # versions with counts; withdrawn confirmations; savepoint, session save, release
    with django_assert_num_queries(12):
        client.get(reverse("training:document-progress", args=[doc.pk]))


@pytest.mark.parametrize("size", [3, 15])
def test_the_overview_and_chase_list_run_the_same_queries_whatever_the_size(
    login, lead, school, size, django_assert_num_queries
):
    for n in range(2):
        document(school, lead, slug=f"d{n}", title=f"Doc {n}")
    _staff(school, size)
    client = login(lead)
    client.get(reverse("training:document-overview"))
    # middleware (4); documents, members, confirmations (rates); other documents; session (3)
    with django_assert_num_queries(11):
        client.get(reverse("training:document-overview"))
    # middleware (4); documents, members, confirmations; session (3)
    with django_assert_num_queries(10):
        client.get(reverse("training:document-chase"))
