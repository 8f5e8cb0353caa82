"""Files and dates: an upload is whole or not there; a date must make sense.

Found: a full disk left partial upload files behind; a truncated PDF was accepted as evidence;
decisions dated 9999-12-31, a case raised on 0001-01-01, a retention date before the closure and
a "last reviewed" date in the future were accepted.
"""

import datetime
import os
import subprocess
import tempfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from compliance.models import Action, EvidenceItem
from core.storage import NO_ROOM_MESSAGE
from core.uploads import INCOMPLETE_PDF
from referrals.models import Case, Decision
from tests.compliance.factories import template_plan
from tests.files import pdf_bytes
from tests.referrals.factories import make_case, make_decision

from .conftest import faults_need_postgres, form_values, signed_in

TODAY = timezone.localdate()


def _files_under(root):
    return sorted(os.path.join(d, f) for d, _, files in os.walk(root) for f in files)


def _add_evidence(client, action, upload):
    page = reverse("compliance:action-detail", args=[action.pk])
    url = reverse("compliance:evidence-add", args=[action.pk])
    hidden = form_values(client.get(page).content.decode(), action=url)
    data = {**hidden, "kind": "file", "title": "Briefing slides", "file": upload}
    return client.post(url, data, HTTP_REFERER=f"http://testserver{page}", follow=True)


@pytest.fixture
def action(school, lead):
    return Action.objects.filter(plan=template_plan(school, lead)).first()


@pytest.mark.django_db
def test_a_truncated_pdf_is_refused_as_evidence_and_a_whole_one_kept(action, lead):
    client = signed_in(lead)
    whole = pdf_bytes(pages=3, padding=20_000)
    for cut in (len(whole) // 2, len(whole) - 20, 200):
        answer = _add_evidence(client, action, SimpleUploadedFile("slides.pdf", whole[:cut], "application/pdf"))
        assert INCOMPLETE_PDF.split(":")[0] in answer.content.decode().replace("&#x27;", "'"), cut
        assert not EvidenceItem.objects.exists()
    answer = _add_evidence(client, action, SimpleUploadedFile("slides.pdf", whole, "application/pdf"))
    assert EvidenceItem.objects.count() == 1


@pytest.fixture
def small_disk(settings):
    """MEDIA_ROOT on a 1 MB filesystem of its own (tmpfs): the disk that fills up."""
    root = tempfile.mkdtemp(prefix="prevent-small-disk-")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", root], capture_output=True)
    if mounted.returncode:
        os.rmdir(root)
        pytest.skip(f"a full disk needs a tmpfs mount (root): {mounted.stderr.decode().strip()}")
    settings.MEDIA_ROOT = root
    try:
        yield root
    finally:
        subprocess.run(["umount", root], check=True)
        os.rmdir(root)


@pytest.mark.django_db
def test_a_full_disk_leaves_no_partial_file_and_says_nothing_was_saved(action, lead, small_disk):
    client = signed_in(lead)
    too_big = pdf_bytes(padding=3 * 1024 * 1024)  # three times the room there is
    answer = _add_evidence(client, action, SimpleUploadedFile("big.pdf", too_big, "application/pdf"))
    assert NO_ROOM_MESSAGE in answer.content.decode().replace("&#x27;", "'")
    assert not EvidenceItem.objects.exists()
    assert _files_under(small_disk) == [], "a partial file was left on the full disk"
    # Room again: the same kind of upload is stored whole.
    answer = _add_evidence(client, action, SimpleUploadedFile("small.pdf", pdf_bytes(), "application/pdf"))
    item = EvidenceItem.objects.get()
    assert _files_under(small_disk) == [os.path.join(small_disk, item.file.name)]


@faults_need_postgres
@pytest.mark.django_db(transaction=True)
def test_a_file_whose_record_the_database_refuses_is_removed(action, lead, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE FUNCTION test_fault() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION 'refused (test)'; END $$"
        )
        cursor.execute(
            "CREATE TRIGGER test_fault BEFORE INSERT ON compliance_evidenceitem "
            "FOR EACH ROW EXECUTE FUNCTION test_fault()"
        )
    try:
        client = signed_in(lead)
        page = reverse("compliance:action-detail", args=[action.pk])
        url = reverse("compliance:evidence-add", args=[action.pk])
        hidden = form_values(client.get(page).content.decode(), action=url)
        upload = SimpleUploadedFile("slides.pdf", pdf_bytes(), "application/pdf")
        answer = client.post(url, {**hidden, "kind": "file", "title": "Slides", "file": upload})
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TRIGGER test_fault ON compliance_evidenceitem")
            cursor.execute("DROP FUNCTION test_fault()")
    assert answer.status_code == 500 and "Nothing was saved." in answer.content.decode()
    assert not EvidenceItem.objects.exists()
    assert _files_under(tmp_path) == [], "the file of a record that was never saved was left behind"


# Dates no record can have, through the forms people use.


@pytest.mark.django_db
def test_a_case_raised_on_1_january_0001_or_tomorrow_is_refused(school, staff, lead):
    client = signed_in(lead)
    url = reverse("referrals:case-add")
    for raised_on in (datetime.date(1, 1, 1), datetime.date(1999, 12, 31), TODAY + datetime.timedelta(days=1)):
        data = {
            **form_values(client.get(url).content.decode()),
            "pupil_identifier": "CPOMS-1",
            "year_group": "9",
            "raised_on": raised_on.isoformat(),
            "raised_by": staff.pk,
            "summary": "Comments in class.",
        }
        answer = client.post(url, data)
        assert answer.status_code == 200, raised_on
        assert "Date raised:" in answer.content.decode()
    assert not Case.objects.exists()


@pytest.mark.django_db
def test_a_decision_dated_9999_is_refused(school, lead):
    case = make_case(school, lead)
    client = signed_in(lead)
    url = reverse("referrals:decision-add", args=[case.pk])
    for decided_on in ("9999-12-31", (TODAY + datetime.timedelta(days=1)).isoformat()):
        data = {
            **form_values(client.get(url).content.decode()),
            "kind": "nfa",
            "rationale": "R",
            "decided_on": decided_on,
        }
        answer = client.post(url, data)
        assert answer.status_code == 200 and "cannot be in the future" in answer.content.decode()
    assert not Decision.objects.exists()


@pytest.mark.django_db
def test_a_retention_review_before_the_closure_is_refused(school, lead):
    case = make_case(school, lead)
    make_decision(case, lead, decided_on=case.raised_on)
    client = signed_in(lead)
    url = reverse("referrals:case-close", args=[case.pk])
    data = {
        **form_values(client.get(url).content.decode()),
        "closed_on": TODAY.isoformat(),
        "outcome": "nfa",
        "retention_review_on": (TODAY - datetime.timedelta(days=1)).isoformat(),
    }
    answer = client.post(url, data)
    assert answer.status_code == 200
    assert "cannot be before the date the case closed" in answer.content.decode()
    case.refresh_from_db()
    assert case.closed_on is None


@pytest.mark.django_db
def test_a_last_reviewed_date_in_the_future_is_refused(action, head):
    client = signed_in(head)
    url = reverse("compliance:action-edit", args=[action.pk])
    form = client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k != "people"}
    data.update(form_values(client.get(url).content.decode()))
    data.update(last_reviewed_on=(TODAY + datetime.timedelta(days=30)).isoformat(), measure_params="{}")
    answer = client.post(url, data)
    assert answer.status_code == 200 and "cannot be in the future" in answer.content.decode()
    action.refresh_from_db()
    assert action.last_reviewed_on is None


@pytest.mark.django_db
def test_the_services_refuse_the_same_dates(school, lead):
    """The rule is the model's, so a service called from a command or an import keeps it too."""
    from django.core.exceptions import ValidationError

    from referrals.services import decision_record

    case = make_case(school, lead)
    with pytest.raises(ValidationError, match="cannot be in the future"):
        decision_record(case=case, by=lead, kind="nfa", rationale="R", decided_on=datetime.date(9999, 12, 31))
