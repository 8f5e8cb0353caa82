"""Training records: staff record their own with a certificate, the Lead verifies; corrections."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import AuditEvent
from training.models import TrainingRecord
from training.selectors.courses import person_training

from .factories_courses import PDF_BYTES, PNG_BYTES, CourseFactory, TrainingRecordFactory

TODAY = datetime.date.today()


@pytest.fixture
def course(school):
    return CourseFactory(school=school, slug="prevent-awareness", title="Home Office Prevent awareness (course 1)")


def _post_record(client, course, upload, **extra):
    data = {"course": course.pk, "completed_on": (TODAY - datetime.timedelta(days=3)).isoformat(), "notes": ""}
    if upload is not None:
        data["certificate"] = upload
    data.update(extra)
    return client.post(reverse("training:record-add"), data)


def test_it_lets_staff_record_their_own_training_with_a_pdf_certificate(login, staff, course):
    client = login(staff)
    response = _post_record(client, course, SimpleUploadedFile("cert.pdf", PDF_BYTES, "application/pdf"))
    assert response.status_code == 302
    record = TrainingRecord.objects.get(user=staff)
    assert record.recorded_by == staff and not record.is_verified
    assert record.certificate.name.startswith("training-certificates/") and record.certificate.name.endswith(".pdf")
    assert AuditEvent.objects.filter(object_type="training.trainingrecord", object_id=str(record.pk)).exists()
    page = client.get(reverse("training:my-training"))
    assert "not yet verified" in page.content.decode()
    certificate = client.get(reverse("training:record-certificate", args=[record.pk]))
    assert certificate.status_code == 200 and b"".join(certificate.streaming_content) == PDF_BYTES


def test_it_accepts_an_image_certificate(login, staff, course):
    response = _post_record(login(staff), course, SimpleUploadedFile("cert.png", PNG_BYTES, "image/png"))
    assert response.status_code == 302
    assert TrainingRecord.objects.get(user=staff).certificate.name.endswith(".png")


def test_it_refuses_a_pdf_whose_content_is_a_png(login, staff, course):
    response = _post_record(login(staff), course, SimpleUploadedFile("cert.pdf", PNG_BYTES, "application/pdf"))
    assert response.status_code == 200
    assert "content is not a .pdf file" in response.content.decode()
    assert not TrainingRecord.objects.exists()


def test_it_refuses_a_certificate_that_is_too_big(login, staff, course, settings):
    big = PDF_BYTES + b"0" * (5 * 1024 * 1024)
    response = _post_record(login(staff), course, SimpleUploadedFile("cert.pdf", big, "application/pdf"))
    assert response.status_code == 200
    assert "larger than 5 MB" in response.content.decode()
    assert not TrainingRecord.objects.exists()


def test_it_refuses_a_date_in_the_future(login, staff, course):
    response = _post_record(login(staff), course, None, completed_on=(TODAY + datetime.timedelta(days=2)).isoformat())
    assert response.status_code == 200
    assert "cannot be in the future" in response.content.decode()


def test_it_lets_the_lead_verify_a_record_once(login, staff, lead, course):
    record = TrainingRecordFactory(course=course, user=staff)
    client = login(lead)
    assert "Verify" in client.get(reverse("training:verify")).content.decode()
    response = client.post(reverse("training:record-verify", args=[record.pk]), follow=True)
    assert "is verified" in response.content.decode()
    record.refresh_from_db()
    assert record.verified_by == lead and record.verified_at is not None
    first = record.verified_at
    response = client.post(reverse("training:record-verify", args=[record.pk]), follow=True)
    assert "already been verified" in response.content.decode()
    record.refresh_from_db()
    assert record.verified_at == first
    assert AuditEvent.objects.filter(object_id=str(record.pk), action="update", changes__verified_by=lead.pk).exists()


def test_it_does_not_let_the_lead_verify_their_own_record(login, lead, course):
    record = TrainingRecordFactory(course=course, user=lead)
    response = login(lead).post(reverse("training:record-verify", args=[record.pk]), follow=True)
    assert "Someone else must verify" in response.content.decode()
    record.refresh_from_db()
    assert not record.is_verified


def test_it_does_not_let_staff_verify(login, staff, dsl, course):
    record = TrainingRecordFactory(course=course, user=dsl)
    assert login(staff).post(reverse("training:record-verify", args=[record.pk])).status_code == 403
    record.refresh_from_db()
    assert not record.is_verified


def test_what_the_lead_records_for_someone_else_counts_as_verified(login, lead, staff, course):
    response = _post_record(login(lead), course, None, user=staff.pk)
    assert response.status_code == 302
    record = TrainingRecord.objects.get(user=staff)
    assert record.recorded_by == lead and record.verified_by == lead


def test_staff_cannot_record_for_someone_else(login, staff, dsl, course):
    _post_record(login(staff), course, None, user=dsl.pk)
    assert TrainingRecord.objects.get().user == staff  # the person field is ignored for staff


def test_it_keeps_the_record_a_correction_supersedes(login, lead, staff, course):
    wrong = TrainingRecordFactory(
        course=course, user=staff, completed_on=TODAY - datetime.timedelta(days=800), certificate="x/cert.pdf"
    )
    client = login(lead)
    response = client.post(
        reverse("training:record-correct", args=[wrong.pk]),
        {"completed_on": (TODAY - datetime.timedelta(days=10)).isoformat(), "notes": "", "correction_reason": ""},
    )
    assert response.status_code == 200 and "Why the record is corrected" in response.content.decode()
    response = client.post(
        reverse("training:record-correct", args=[wrong.pk]),
        {
            "completed_on": (TODAY - datetime.timedelta(days=10)).isoformat(),
            "notes": "",
            "correction_reason": "The year was typed wrongly.",
        },
    )
    assert response.status_code == 302
    new = TrainingRecord.objects.get(supersedes=wrong)
    assert new.correction_reason == "The year was typed wrongly."
    assert new.certificate.name == "x/cert.pdf"  # kept from the corrected record
    assert TrainingRecord.objects.filter(pk=wrong.pk, completed_on=wrong.completed_on).exists()
    item = person_training(staff.memberships.first().school, staff)[0]
    assert item["cell"].record == new and item["cell"].status == "valid"
    assert [r.pk for r in item["records"]] == [new.pk, wrong.pk]
    page = client.get(reverse("training:record-detail", args=[wrong.pk])).content.decode()
    assert "no longer counts" in page
    again = client.post(
        reverse("training:record-correct", args=[wrong.pk]),
        {"completed_on": TODAY.isoformat(), "notes": "", "correction_reason": "Again"},
    )
    assert "already been corrected" in again.content.decode()


def test_a_superseded_record_no_longer_counts(school, staff, lead, course):
    old = TrainingRecordFactory(course=course, user=staff, completed_on=TODAY - datetime.timedelta(days=10))
    TrainingRecordFactory(
        course=course,
        user=staff,
        completed_on=TODAY - datetime.timedelta(days=900),
        supersedes=old,
        correction_reason="Wrong date",
        recorded_by=lead,
    )
    item = person_training(school, staff)[0]
    assert item["cell"].status == "expired"


def test_staff_may_not_open_someone_elses_record(login, staff, dsl, governor, course):
    record = TrainingRecordFactory(course=course, user=dsl)
    assert login(staff).get(reverse("training:record-detail", args=[record.pk])).status_code == 403
    assert login(governor).get(reverse("training:record-certificate", args=[record.pk])).status_code == 403
    assert login(staff).get(reverse("training:record-correct", args=[record.pk])).status_code == 403


def test_the_home_page_lists_training_to_renew_and_records_to_verify(login, staff, lead, course):
    TrainingRecordFactory(course=course, user=staff, completed_on=TODAY - datetime.timedelta(days=700))
    staff_home = login(staff).get(reverse("home")).content.decode()
    assert "Training to record/renew" in staff_home
    lead_home = login(lead).get(reverse("home")).content.decode()
    assert "Training records to verify" in lead_home
    assert "Training lapsing within 60 days" in lead_home
