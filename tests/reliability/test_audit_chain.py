"""The audit trail is a keyed hash chain per school, anchored outside the database (issue 16, item 7).

Before: deleting the newest events, or re-hashing from any point with the app's own digest
function, still passed ``verify_audit_chain``.
"""

import hashlib
import importlib
import json
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings

from accounts import audit_triggers
from accounts.audit import broken_links, event_digest, record_event
from accounts.audit_anchor import latest_anchor
from accounts.models import AuditEvent

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def anchor_path(tmp_path):
    path = tmp_path / "anchors.jsonl"
    with override_settings(AUDIT_ANCHOR_FILE=str(path)):
        yield path


@pytest.fixture
def trail(school, other_school, lead, outsider):
    """Events of two schools, interleaved, and one of the site's chain (a failed sign-in)."""
    events = []
    for n in range(3):
        events.append(record_event(action="create", by=lead, school=school, object_type="t.a", object_id=n))
        events.append(record_event(action="create", by=outsider, school=other_school, object_type="t.b", object_id=n))
    events.append(record_event(action="sign_in_failed", object_type="accounts.user", changes={"email": "x@y.example"}))
    return events


def _as_owner(sql, params=()):
    """What someone with the tables' owner's rights could do: lift the triggers, then write."""
    audit_triggers.remove(connection)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
    audit_triggers.install(connection)


def _rehash_from(event_pk, digest):
    """Re-hash the chain of ``event_pk`` from that event on, with ``digest(event)``: a recomputation."""
    first = AuditEvent.objects.get(pk=event_pk)
    chain = AuditEvent.objects.filter(school_id=first.school_id, seq__gte=first.seq).order_by("seq")
    prev = (
        AuditEvent.objects.filter(school_id=first.school_id, seq=first.seq - 1).values_list("hash", flat=True).first()
    )
    for event in chain:
        event.prev_hash = prev or ""
        event.hash = digest(event)
        _as_owner(
            "UPDATE accounts_auditevent SET prev_hash = %s, hash = %s WHERE id = %s",
            [event.prev_hash, event.hash, event.pk],
        )
        prev = event.hash


def _verify(anchor_path):
    call_command("verify_audit_chain", "--anchor-file", str(anchor_path), stdout=open(os.devnull, "w"))  # noqa: SIM115


def test_each_school_has_its_own_chain(trail, school, other_school):
    mine = list(AuditEvent.objects.filter(school=school).order_by("seq").values_list("seq", "prev_hash", "hash"))
    assert [seq for seq, _, _ in mine] == [1, 2, 3]
    assert mine[0][1] == "" and mine[1][1] == mine[0][2] and mine[2][1] == mine[1][2]
    assert list(AuditEvent.objects.filter(school=other_school).values_list("seq", flat=True).order_by("seq")) == [
        1,
        2,
        3,
    ]
    assert AuditEvent.objects.get(school__isnull=True).seq == 1
    assert broken_links() == []


def test_the_hash_is_keyed(trail):
    event = trail[0]
    assert event.hash == event_digest(event)
    assert event.hash != event_digest(event, key="another-key")


def test_deleting_the_newest_events_passes_the_links_but_not_the_anchor(trail, school, anchor_path, capsys):
    call_command("anchor_audit_chain", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert latest_anchor()["chains"][str(school.pk)]["seq"] == 3
    newest = AuditEvent.objects.filter(school=school).order_by("-seq").first()
    _as_owner("DELETE FROM accounts_auditevent WHERE id = %s", [newest.pk])
    assert broken_links() == []  # what a plain chain cannot see
    with pytest.raises(CommandError, match="broken in 1 place"):
        _verify(anchor_path)
    assert "ends at event 2, but the anchor" in capsys.readouterr().err


def test_recomputing_with_the_apps_old_unkeyed_digest_is_caught(trail, school, anchor_path, capsys):
    """The attack from the issue: edit an event, re-hash the rest with the digest the code used to have."""

    def unkeyed(event):
        return hashlib.sha256(json.dumps([event.prev_hash, event.at.isoformat()], default=str).encode()).hexdigest()

    target = AuditEvent.objects.filter(school=school).order_by("seq")[1]
    _as_owner("UPDATE accounts_auditevent SET object_id = %s WHERE id = %s", ["forged", target.pk])
    _rehash_from(target.pk, unkeyed)
    with pytest.raises(CommandError):
        _verify(anchor_path)
    assert f"Audit event {target.pk} has been changed" in capsys.readouterr().err


def test_recomputing_with_a_guessed_key_is_caught(trail, school, anchor_path):
    target = AuditEvent.objects.filter(school=school).order_by("seq")[0]
    _as_owner("UPDATE accounts_auditevent SET object_id = %s WHERE id = %s", ["forged", target.pk])
    _rehash_from(target.pk, lambda e: event_digest(e, key="development-only-audit-key"))
    assert len(broken_links()) == 3


def test_recomputing_with_the_key_itself_is_caught_by_the_anchor(trail, school, anchor_path, capsys):
    """Someone who has the key and the database still cannot rewrite what was anchored."""
    call_command("anchor_audit_chain", stdout=open(os.devnull, "w"))  # noqa: SIM115
    target = AuditEvent.objects.filter(school=school).order_by("seq")[0]
    _as_owner("UPDATE accounts_auditevent SET object_id = %s WHERE id = %s", ["forged", target.pk])
    _rehash_from(target.pk, event_digest)
    assert broken_links() == []
    with pytest.raises(CommandError):
        _verify(anchor_path)
    assert "is not the one anchored" in capsys.readouterr().err


def test_events_after_the_anchor_extend_it(trail, school, anchor_path):
    call_command("anchor_audit_chain", stdout=open(os.devnull, "w"))  # noqa: SIM115
    record_event(action="create", school=school, object_type="t.a", object_id="later")
    _verify(anchor_path)


def test_it_will_not_anchor_a_broken_trail(trail, anchor_path):
    _as_owner("UPDATE accounts_auditevent SET object_id = %s WHERE id = %s", ["forged", trail[0].pk])
    with pytest.raises(CommandError, match="Not anchored"):
        call_command("anchor_audit_chain", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert not anchor_path.exists()


def test_the_anchor_also_goes_to_the_log(trail, anchor_path, caplog):
    with caplog.at_level("INFO", logger="accounts.audit.anchor"):
        call_command("anchor_audit_chain", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert "Audit anchor" in caplog.text and trail[-1].hash in caplog.text


def test_an_older_key_still_verifies_after_a_rotation(trail):
    with override_settings(AUDIT_HMAC_KEY="the-new-key", AUDIT_HMAC_PREVIOUS_KEYS=["test-only-audit-key"]):
        record_event(action="create", school=trail[0].school, object_type="t.a", object_id="after rotation")
        assert broken_links() == []
    with override_settings(AUDIT_HMAC_KEY="the-new-key", AUDIT_HMAC_PREVIOUS_KEYS=[]):
        assert broken_links() != []


def test_existing_events_are_re_chained_by_the_migration(school, other_school):
    """The demo data and any deployment's trail from before: the old global SHA-256 chain becomes keyed."""
    migration = importlib.import_module("accounts.migrations.0006_audit_keyed_chain_per_school")
    prev, rows = "", []
    for n, school_id in enumerate([school.pk, None, other_school.pk, school.pk]):
        event = AuditEvent(
            school_id=school_id, action="create", object_type="t", object_id=str(n), seq=100 + n, prev_hash=prev
        )
        event.at = event._meta.get_field("at").default()
        event.hash = migration._old_digest(event)
        event.save(force_insert=True)
        prev = event.hash
        rows.append(event)
    from django.apps import apps

    migration.rechain(apps, SimpleNamespace(connection=connection))
    assert broken_links() == []
    assert list(AuditEvent.objects.filter(school=school).order_by("seq").values_list("seq", flat=True)) == [1, 2]


def test_the_migration_will_not_re_key_a_broken_trail(school):
    migration = importlib.import_module("accounts.migrations.0006_audit_keyed_chain_per_school")
    event = AuditEvent(school=school, action="create", object_type="t", object_id="1", seq=1, prev_hash="")
    event.at = event._meta.get_field("at").default()
    event.hash = "0" * 64  # not what the old digest gives: tampered before the upgrade
    event.save(force_insert=True)
    from django.apps import apps

    with pytest.raises(RuntimeError, match="already broken"):
        migration.rechain(apps, SimpleNamespace(connection=connection))


def test_production_refuses_to_start_without_the_audit_key():
    env = {k: v for k, v in os.environ.items() if k not in ("AUDIT_HMAC_KEY", "DJANGO_SETTINGS_MODULE")}
    env.update(DEBUG="0", SECRET_KEY="x" * 50, DJANGO_SETTINGS_MODULE="prevent_site.settings")
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "AUDIT_HMAC_KEY is not set" in result.stderr
