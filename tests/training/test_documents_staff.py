"""Staff read and confirm a document: the list, the document page, the home page."""

import pytest
from django.urls import reverse

from accounts.models import AuditEvent, Role
from tests.factories import member
from training.models import Acknowledgement

from .factories_documents import confirm, document, publish

pytestmark = pytest.mark.django_db


def _confirm(client, doc):
    return client.post(
        reverse("training:document-detail", args=[doc.pk]), {"version": doc.current_version.pk, "agree": "on"}
    )


def test_it_lists_what_the_person_has_to_read_with_a_count(login, staff, lead, school):
    doc = document(school, lead)
    response = login(staff).get(reverse("training:document-list"))
    assert response.status_code == 200
    assert doc.title in response.content.decode()
    assert response.context["tasks"][0].reading == "Part one"


def test_it_shows_an_empty_state_when_nothing_is_to_read(login, staff):
    response = login(staff).get(reverse("training:document-list"))
    assert "You have nothing to read right now" in response.content.decode()
    assert "You have not confirmed any documents yet" in response.content.decode()


def test_it_confirms_with_the_statement_as_shown(login, staff, lead, school):
    doc = document(school, lead)
    client = login(staff)
    page = client.get(reverse("training:document-detail", args=[doc.pk])).content.decode()
    statement = "I have read and understood Part one of Keeping children safe in education (2025)."
    assert statement in page
    # The label is tied to the checkbox, so a keyboard or screen-reader user can tick it.
    assert '<label class="form-check-label" for="id_agree">' in page
    assert 'id="id_agree"' in page
    response = _confirm(client, doc)
    assert response.status_code == 302
    ack = Acknowledgement.objects.get(user=staff)
    assert ack.statement == statement
    assert ack.version == doc.current_version
    assert AuditEvent.objects.filter(object_type="training.acknowledgement", object_id=str(ack.pk)).exists()
    listing = client.get(reverse("training:document-list"))
    assert listing.context["tasks"] == []
    assert "Confirmed on" in listing.content.decode()


def test_it_keeps_one_confirmation_when_the_form_is_posted_twice(login, staff, lead, school):
    doc = document(school, lead)
    client = login(staff)
    first = _confirm(client, doc)
    second = _confirm(client, doc)
    assert first.status_code == 302
    assert second.status_code == 302
    assert Acknowledgement.objects.filter(user=staff).count() == 1


def test_the_service_returns_the_same_confirmation_when_called_twice(staff, lead, school):
    from training.services.documents import acknowledgement_confirm

    doc = document(school, lead)
    first, created = acknowledgement_confirm(user=staff, version=doc.current_version, statement="s")
    again, created_again = acknowledgement_confirm(user=staff, version=doc.current_version, statement="s")
    assert created and not created_again
    assert first.pk == again.pk


def test_the_database_refuses_a_second_live_confirmation(staff, lead, school):
    from django.db import IntegrityError, transaction

    doc = document(school, lead)
    ack = confirm(staff, doc)
    with pytest.raises(IntegrityError), transaction.atomic():
        Acknowledgement.objects.create(
            school=school, user=staff, version=ack.version, major_version=ack.major_version, statement="again"
        )


def test_it_asks_to_tick_the_statement(login, staff, lead, school):
    doc = document(school, lead)
    response = login(staff).post(
        reverse("training:document-detail", args=[doc.pk]), {"version": doc.current_version.pk}
    )
    assert response.status_code == 200
    assert "Tick the statement to confirm you have read it." in response.content.decode()
    assert not Acknowledgement.objects.exists()


def test_it_refuses_a_confirmation_of_a_version_replaced_meanwhile(login, staff, lead, school):
    doc = document(school, lead)
    old = doc.current_version
    publish(doc, lead, "2026")
    response = login(staff).post(reverse("training:document-detail", args=[doc.pk]), {"version": old.pk, "agree": "on"})
    assert response.status_code == 200
    assert "A newer version has been published" in response.content.decode()
    assert not Acknowledgement.objects.exists()


def test_a_person_who_joins_after_publication_has_it_to_read(login, lead, school):
    doc = document(school, lead)
    newcomer = member(school, Role.STAFF, full_name="Nia Newcomer")
    response = login(newcomer).get(reverse("home"))
    assert "Documents to read" in response.content.decode()
    listing = login(newcomer).get(reverse("training:document-list"))
    assert [t.document for t in listing.context["tasks"]] == [doc]


def test_a_role_outside_the_audience_is_not_asked(login, governor, lead, school):
    doc = document(school, lead)
    response = login(governor).get(reverse("training:document-detail", args=[doc.pk]))
    assert response.context["form"] is None
    assert "Your role does not need to confirm" in response.content.decode()
    assert login(governor).get(reverse("training:document-list")).context["tasks"] == []


def test_the_lead_reads_what_leaders_read(login, lead, school):
    doc = document(school, lead)
    page = login(lead).get(reverse("training:document-detail", args=[doc.pk])).content.decode()
    assert "Part one and Annex B of Keeping children safe in education" in page


def test_the_home_page_shows_the_count_to_read(login, staff, lead, school):
    document(school, lead)
    document(school, lead, slug="policy", title="Safeguarding and Child Protection Policy", reading={})
    response = login(staff).get(reverse("home"))
    items = [i for i in response.context["tasks"] if i.label == "Documents to read"]
    assert items and items[0].count == 2


def test_another_schools_document_is_not_found(login, outsider, lead, school):
    doc = document(school, lead)
    assert login(outsider).get(reverse("training:document-detail", args=[doc.pk])).status_code == 404


@pytest.mark.parametrize("size", [3, 12])
def test_the_to_read_page_runs_the_same_queries_whatever_the_school_size(
    login, staff, lead, school, size, django_assert_num_queries
):
    for n in range(size):
        person = member(school, Role.STAFF)
        document(school, lead, slug=f"doc-{n}", title=f"Policy {n}")
        confirm(person, document(school, lead, slug=f"other-{n}", title=f"Other {n}"))
    client = login(staff)
    client.get(reverse("training:document-list"))
    # session, user, memberships, schools (middleware); documents with whether the person confirmed
    # each (to read); confirmations done; savepoint, session save, release.
    with django_assert_num_queries(9):
        client.get(reverse("training:document-list"))
