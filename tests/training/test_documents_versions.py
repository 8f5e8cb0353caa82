"""Publishing versions: a major version re-opens the document, a minor change keeps confirmations."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.files import PDF_BYTES
from training.models import DocumentVersion
from training.selectors.documents import acknowledgement_rates, outstanding_for_user

from .factories_documents import confirm, document, publish

pytestmark = pytest.mark.django_db


def _outstanding(user, school, roles=("staff",)):
    return [t.document for t in outstanding_for_user(school, user, roles)]


def test_a_new_major_version_makes_it_outstanding_again(staff, lead, school):
    doc = document(school, lead, label="2024")
    old = confirm(staff, doc)
    assert _outstanding(staff, school) == []
    publish(doc, lead, "2025")
    assert _outstanding(staff, school) == [doc]
    # The old confirmation stays on record.
    old.refresh_from_db()
    assert old.version.label == "2024"


def test_a_minor_change_keeps_existing_confirmations(staff, dsl, lead, school):
    doc = document(school, lead, label="2025")
    ack = confirm(staff, doc)
    minor = publish(doc, lead, "2025 (typo fixed)", minor=True)
    assert minor.amends_id == ack.version_id
    assert _outstanding(staff, school) == []
    # Someone who had not confirmed confirms the minor version, and it counts for the edition.
    later = confirm(dsl, doc)
    assert later.version == minor
    assert later.major_version_id == ack.version_id
    rate = next(r for r in acknowledgement_rates(school) if r.document == doc)
    assert rate.confirmed == 2


def test_two_minor_changes_still_amend_the_same_major_version(staff, lead, school):
    doc = document(school, lead, label="2025")
    confirm(staff, doc)
    publish(doc, lead, "2025 a", minor=True)
    second = publish(doc, lead, "2025 b", minor=True)
    assert second.amends.label == "2025"
    assert _outstanding(staff, school) == []


def test_the_lead_publishes_a_version_with_a_pdf(login, lead, staff, school):
    doc = document(school, lead, label="2024")
    confirm(staff, doc)
    upload = SimpleUploadedFile("kcsie-2025.pdf", PDF_BYTES, content_type="application/pdf")
    response = login(lead).post(
        reverse("training:version-publish", args=[doc.pk]),
        {"label": "2025", "effective_on": "2025-09-01", "file": upload, "summary": "New edition"},
    )
    assert response.status_code == 302
    doc.refresh_from_db()
    assert doc.current_version.label == "2025"
    assert doc.current_version.sha256
    assert _outstanding(staff, school) == [doc]
    file_response = login(staff).get(reverse("training:version-file", args=[doc.current_version.pk]))
    assert file_response.status_code == 200
    assert file_response["Content-Type"] == "application/pdf"


def test_it_refuses_a_file_that_is_not_a_pdf(login, lead, school):
    doc = document(school, lead, label="2024")
    upload = SimpleUploadedFile("kcsie.pdf", b"MZ not a pdf at all", content_type="application/pdf")
    response = login(lead).post(
        reverse("training:version-publish", args=[doc.pk]),
        {"label": "2025", "effective_on": "2025-09-01", "file": upload},
    )
    assert response.status_code == 200
    assert "content is not a .pdf file" in response.content.decode()
    assert DocumentVersion.objects.filter(document=doc).count() == 1


def test_it_asks_for_a_file_or_a_link(login, lead, school):
    doc = document(school, lead, label="2024")
    response = login(lead).post(
        reverse("training:version-publish", args=[doc.pk]), {"label": "2025", "effective_on": "2025-09-01"}
    )
    assert "Upload the PDF or give a link" in response.content.decode()


def test_the_first_version_cannot_be_minor(login, lead, school):
    doc = document(school, lead, label=None)
    form = login(lead).get(reverse("training:version-publish", args=[doc.pk])).context["form"]
    assert "is_minor" not in form.fields


def test_the_minor_tick_publishes_a_minor_change(login, lead, staff, school):
    doc = document(school, lead, label="2025")
    confirm(staff, doc)
    response = login(lead).post(
        reverse("training:version-publish", args=[doc.pk]),
        {"label": "2025 rev", "effective_on": "2025-09-01", "url": "https://example.org/k.pdf", "is_minor": "on"},
    )
    assert response.status_code == 302
    assert _outstanding(staff, school) == []
