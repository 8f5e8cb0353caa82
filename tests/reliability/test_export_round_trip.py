"""A school's export survives a missing file, carries checksums and its whole chain (issue 16, item 9).

Before: one missing media file aborted ``export_school`` with a traceback and a partial folder,
and the school's sign-in events were left out, so the imported copy failed verify_audit_chain.
"""

import datetime
import hashlib
import json
import os

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts.models import AuditEvent, School
from accounts.school_export import MANIFEST_FILE
from tests.factories import PASSWORD
from tests.training.factories_courses import CourseFactory, TrainingRecordFactory, pdf_file
from training.models import TrainingRecord

pytestmark = pytest.mark.django_db


def _quiet():
    return open(os.devnull, "w")  # noqa: SIM115


@pytest.fixture
def school_with_files(client, school, staff, lead, other_school, outsider):
    course = CourseFactory(school=school)
    kept = TrainingRecordFactory(user=staff, course=course, certificate=pdf_file("kept.pdf"))
    lost = TrainingRecordFactory(
        user=lead, course=course, certificate=pdf_file("lost.pdf"), completed_on=datetime.date(2026, 9, 1)
    )
    # A real sign-in, which goes to the school's chain.
    assert client.post(reverse("login"), {"username": staff.email, "password": PASSWORD}).status_code == 302
    default_storage.delete(lost.certificate.name)  # the upload has gone from storage
    return {"kept": kept, "lost": lost}


def test_a_missing_file_is_listed_and_the_rest_exported(tmp_path, school, school_with_files, capsys):
    folder = tmp_path / "export"
    call_command("export_school", school.urn, str(folder), stdout=_quiet())
    assert "Missing file" in capsys.readouterr().err
    manifest = json.loads((folder / MANIFEST_FILE).read_text())
    lost, kept = school_with_files["lost"].certificate.name, school_with_files["kept"].certificate.name
    assert [m["name"] for m in manifest["missing_files"]] == [lost]
    assert f"training.TrainingRecord {school_with_files['lost'].pk}" in manifest["missing_files"][0]["record"]
    assert [f["name"] for f in manifest["files"]] == [kept]
    for entry in manifest["files"]:
        assert entry["sha256"] == hashlib.sha256((folder / "files" / entry["name"]).read_bytes()).hexdigest()
    assert manifest["records_sha256"] == hashlib.sha256((folder / "records.json").read_bytes()).hexdigest()


def test_the_round_trip_verifies_with_the_schools_sign_ins(tmp_path, school, school_with_files, capsys):
    folder = tmp_path / "export"
    call_command("export_school", school.urn, str(folder), stdout=_quiet())
    sign_ins = AuditEvent.objects.filter(school=school, action="sign_in").count()
    assert sign_ins == 1
    call_command("flush", interactive=False, verbosity=0)
    default_storage.delete(school_with_files["kept"].certificate.name)

    call_command("import_school", str(folder), stdout=_quiet())
    assert "missing at the source" in capsys.readouterr().err
    assert AuditEvent.objects.filter(action="sign_in").count() == sign_ins
    call_command("verify_audit_chain", stdout=_quiet())  # no false tamper alarm
    kept = TrainingRecord.objects.get(pk=school_with_files["kept"].pk)
    assert kept.certificate.read().startswith(b"%PDF")


def test_an_export_whose_file_was_changed_is_refused(tmp_path, school, school_with_files):
    folder = tmp_path / "export"
    call_command("export_school", school.urn, str(folder), stdout=_quiet())
    (folder / "files" / school_with_files["kept"].certificate.name).write_bytes(b"%PDF-1.4 something else")
    call_command("flush", interactive=False, verbosity=0)
    with pytest.raises(CommandError, match="SHA-256 differs"):
        call_command("import_school", str(folder), stdout=_quiet())
    assert not School.objects.exists()


def test_an_export_with_an_edited_audit_event_is_refused(tmp_path, school, school_with_files):
    folder = tmp_path / "export"
    call_command("export_school", school.urn, str(folder), stdout=_quiet())
    records = json.loads((folder / "records.json").read_text())
    event = next(r for r in records if r["model"] == "accounts.auditevent")
    event["fields"]["object_repr"] = "edited"
    text = json.dumps(records, indent=1)
    (folder / "records.json").write_text(text)
    manifest = json.loads((folder / MANIFEST_FILE).read_text())
    manifest["records_sha256"] = hashlib.sha256(text.encode()).hexdigest()  # a careful forger
    (folder / MANIFEST_FILE).write_text(json.dumps(manifest))
    call_command("flush", interactive=False, verbosity=0)
    with pytest.raises(CommandError, match="does not verify"):
        call_command("import_school", str(folder), stdout=_quiet())
    assert not School.objects.exists()


def test_a_failed_export_leaves_no_folder(tmp_path, school, school_with_files, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("accounts.school_export.serializers.serialize", broken)
    with pytest.raises(RuntimeError):
        call_command("export_school", school.urn, str(tmp_path / "export"), stdout=_quiet())
    assert list(tmp_path.iterdir()) == []
