"""A school's records and files go out to a folder and come back into an empty database."""

import json

import pytest
from django.apps import apps
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from accounts.audit import event_digest
from accounts.demo import DEMO_URN
from accounts.models import AuditEvent, School
from accounts.school_export import MANIFEST_FILE, school_records
from referrals.models import ConcernCategory

pytestmark = pytest.mark.django_db


def _quiet():
    return open("/dev/null", "w")  # noqa: SIM115


def _snapshot(school):
    """Every exported record as (model label, pk, field values), and the files' bytes."""
    rows, files = {}, {}
    for model, pks in school_records(school).items():
        for row in model._base_manager.filter(pk__in=pks):
            values = {}
            for field in row._meta.concrete_fields:
                value = getattr(row, field.attname)
                if hasattr(value, "name") and hasattr(value, "storage"):  # a file
                    if value:
                        files[value.name] = default_storage.open(value.name, "rb").read()
                    value = value.name
                values[field.attname] = value
            rows[(model._meta.label, row.pk)] = values
    return rows, files


def test_the_demo_school_round_trips_through_an_empty_database(tmp_path, other_school):
    call_command("seed_demo", stdout=_quiet())
    school = School.objects.get(urn=DEMO_URN)
    before_rows, before_files = _snapshot(school)
    assert len(before_rows) > 100, "the demo should give a school with plenty of records"
    assert AuditEvent.objects.filter(school=school).exists()

    call_command("export_school", school.urn, str(tmp_path), stdout=_quiet())
    manifest = json.loads((tmp_path / MANIFEST_FILE).read_text())
    assert manifest["urn"] == school.urn
    assert "Other Academy" not in (tmp_path / "records.json").read_text()
    others = School.objects.exclude(pk=school.pk).count()
    reference = list(ConcernCategory.objects.values())  # a migrated database's own data, not the school's

    call_command("flush", interactive=False, verbosity=0)
    ConcernCategory.objects.bulk_create(ConcernCategory(**row) for row in reference)
    for name in before_files:
        default_storage.delete(name)
    assert not School.objects.exists()

    call_command("import_school", str(tmp_path), stdout=_quiet())
    assert School.objects.count() == 1 and others >= 1  # only the exported school comes back
    school = School.objects.get(urn=manifest["urn"])
    after_rows, after_files = _snapshot(school)
    assert after_rows == before_rows
    assert after_files == before_files
    # Each audit event still carries the hash of its own content.
    assert all(event.hash == event_digest(event) for event in AuditEvent.objects.all())


def test_it_will_not_import_over_the_same_school(tmp_path, school):
    call_command("export_school", school.urn, str(tmp_path), stdout=_quiet())
    with pytest.raises(CommandError, match="already holds the school"):
        call_command("import_school", str(tmp_path))


def test_it_leaves_out_other_schools_and_secrets(tmp_path, school, other_school, staff, outsider):
    call_command("export_school", school.urn, str(tmp_path), stdout=_quiet())
    text = (tmp_path / "records.json").read_text()
    assert staff.email in text
    assert outsider.email not in text and other_school.name not in text
    labels = {row["model"] for row in json.loads(text)}
    assert not labels & {"otp_totp.totpdevice", "otp_static.staticdevice", "sessions.session", "accounts.usersession"}
    assert apps.get_model("accounts", "membership")._meta.label_lower in labels


def test_an_unknown_school_is_refused(tmp_path):
    with pytest.raises(CommandError, match="No school with URN"):
        call_command("export_school", "000000", str(tmp_path))
