"""The audit trail is append-only in the database, and its hash chain shows any gap or edit."""

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from accounts import audit_triggers
from accounts.audit import broken_links, record_event
from accounts.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def events(school, lead):
    return [
        record_event(action="create", by=lead, school=school, obj=school, changes={"name": ["", school.name]}),
        record_event(action="update", by=lead, school=school, obj=school, changes={"urn": ["1", "2"]}),
        record_event(action="view", by=lead, school=school, object_type="referrals.case", object_id="7"),
    ]


def _refused(attempt):
    """Run ``attempt`` in a savepoint and say whether the database refused it."""
    try:
        with transaction.atomic():
            attempt()
    except DatabaseError as error:
        return "append-only" in str(error)
    return False


def _table_unchanged(events):
    now = list(AuditEvent.objects.order_by("pk").values_list("pk", "hash", "changes"))
    return now == [(e.pk, e.hash, e.changes) for e in events]


def test_it_chains_each_event_to_the_one_before(events):
    assert events[0].prev_hash == ""
    assert events[1].prev_hash == events[0].hash
    assert events[2].prev_hash == events[1].hash
    assert broken_links() == []


def test_it_refuses_save_of_an_existing_event(events):
    event = AuditEvent.objects.get(pk=events[1].pk)
    event.changes = {"urn": ["1", "3"]}
    assert _refused(event.save)
    assert _table_unchanged(events)


def test_it_refuses_delete_of_an_event(events):
    event = AuditEvent.objects.get(pk=events[1].pk)
    assert _refused(event.delete)
    assert _table_unchanged(events)


def test_it_refuses_queryset_update(events):
    assert _refused(lambda: AuditEvent.objects.filter(pk=events[0].pk).update(actor_label="someone@else.example"))
    assert _refused(lambda: AuditEvent.objects.update(ip_address="10.0.0.1"))
    assert _table_unchanged(events)


def test_it_refuses_queryset_delete(events):
    assert _refused(lambda: AuditEvent.objects.filter(action="view").delete())
    assert _refused(lambda: AuditEvent.objects.all().delete())
    assert _table_unchanged(events)


def _raw(sql, params=()):
    def run():
        with connection.cursor() as cursor:
            cursor.execute(sql, params)

    return run


def test_it_refuses_raw_sql_update_and_delete(events):
    table = AuditEvent._meta.db_table
    assert _refused(_raw(f"UPDATE {table} SET object_id = %s WHERE id = %s", ["8", events[2].pk]))  # noqa: S608
    assert _refused(_raw(f"DELETE FROM {table} WHERE id = %s", [events[2].pk]))  # noqa: S608
    assert _refused(_raw(f"DELETE FROM {table}"))  # noqa: S608
    assert _table_unchanged(events)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="TRUNCATE exists only on PostgreSQL")
def test_it_refuses_truncate_on_postgresql(events):
    # The test's own inserts leave deferred foreign-key checks pending; run them first so that
    # the refusal seen is the trigger's, not PostgreSQL's "pending trigger events".
    _raw("SET CONSTRAINTS ALL IMMEDIATE")()
    assert _refused(_raw(f"TRUNCATE {AuditEvent._meta.db_table}"))
    assert _table_unchanged(events)


def test_it_still_appends(events, school):
    record_event(action="export", school=school, object_type="referrals.case", object_id="7")
    assert AuditEvent.objects.count() == 4
    assert broken_links() == []


def test_verify_audit_chain_says_the_trail_is_whole(events, capsys):
    call_command("verify_audit_chain")
    assert "whole: 3 events checked" in capsys.readouterr().out


def _tamper(sql, params):
    """What an attacker with the database owner's rights could do: lift the triggers, then edit."""
    audit_triggers.remove(connection)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
    audit_triggers.install(connection)


def test_verify_audit_chain_fails_on_an_edited_event(events, capsys):
    _tamper(f"UPDATE {AuditEvent._meta.db_table} SET changes = %s WHERE id = %s", ['{"urn": ["1", "9"]}', events[1].pk])  # noqa: S608
    with pytest.raises(CommandError, match="broken in 1 place"):
        call_command("verify_audit_chain")
    assert f"Audit event {events[1].pk} has been changed" in capsys.readouterr().err


def test_verify_audit_chain_fails_on_a_missing_event(events, capsys):
    _tamper(f"DELETE FROM {AuditEvent._meta.db_table} WHERE id = %s", [events[1].pk])  # noqa: S608
    with pytest.raises(CommandError, match="broken"):
        call_command("verify_audit_chain")
    assert f"Audit event {events[2].pk} does not follow" in capsys.readouterr().err


def test_verify_audit_chain_exits_non_zero_from_the_shell(events):
    """The command's exit status is what a cron job or monitoring sees."""
    _tamper(f"UPDATE {AuditEvent._meta.db_table} SET actor_label = %s WHERE id = %s", ["x@y.example", events[0].pk])  # noqa: S608
    from django.core.management import execute_from_command_line

    with pytest.raises(SystemExit) as exit_info:
        execute_from_command_line(["manage.py", "verify_audit_chain"])
    assert exit_info.value.code == 1


@pytest.mark.django_db(transaction=True)
def test_flush_empties_the_trail_and_leaves_it_append_only(school):
    """The test runner's flush between transactional tests lifts the triggers only while it runs."""
    record_event(action="create", school=school, obj=school)
    call_command("flush", interactive=False, verbosity=0)
    assert AuditEvent.objects.count() == 0
    event = record_event(action="create", object_type="accounts.school", object_id="1")
    assert _refused(lambda: AuditEvent.objects.filter(pk=event.pk).update(object_id="2"))


def test_site_administrators_see_the_trail_per_school_read_only(client, school, other_school, lead, outsider):
    from tests.factories import UserFactory

    admin_user = UserFactory(is_staff=True, is_superuser=True)
    record_event(action="create", by=lead, school=school, object_type="training.acknowledgement", object_id="1")
    record_event(action="create", by=outsider, school=other_school, object_type="speakers.request", object_id="2")
    client.force_login(admin_user)
    response = client.get("/admin/accounts/auditevent/", {"school__id__exact": school.pk})
    html = response.content.decode()
    assert response.status_code == 200
    assert "training.acknowledgement" in html and "speakers.request" not in html
    assert "/admin/accounts/auditevent/add/" not in html
    event = AuditEvent.objects.filter(school=school).get()
    assert client.post(f"/admin/accounts/auditevent/{event.pk}/delete/", {"post": "yes"}).status_code == 403
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_admin_audit_pages_show_no_referral_content_to_site_administrators(client, school, lead):
    """Issue 14 (Low): referral audit detail is seen only through the app's access-logged pages."""
    from tests.factories import UserFactory

    referral = record_event(
        action="create",
        by=lead,
        school=school,
        object_type="referrals.decision",
        object_id="41",
        changes={"case": "PRV-2026-007", "rationale": "Pupil X said something worrying"},
    )
    other = record_event(action="create", by=lead, school=school, obj=school)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    listing = client.get("/admin/accounts/auditevent/").content.decode()
    assert f"/admin/accounts/auditevent/{other.pk}/change/" in listing
    assert f"/admin/accounts/auditevent/{referral.pk}/change/" not in listing
    assert "referrals.decision" not in listing
    search = client.get("/admin/accounts/auditevent/", {"q": "PRV-2026-007"}).content.decode()
    assert f"/admin/accounts/auditevent/{referral.pk}/change/" not in search
    detail = client.get(f"/admin/accounts/auditevent/{referral.pk}/change/")
    assert "Pupil X" not in detail.content.decode()
    assert detail.status_code in (302, 404)
    assert client.get(f"/admin/accounts/auditevent/{other.pk}/change/").status_code == 200
