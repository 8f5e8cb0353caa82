"""The audit trail becomes a keyed hash chain per school.

Until now every event was chained to the one before it across all schools, with a plain
SHA-256 that anyone could recompute. Each event now gets its place in its school's chain
(``seq``; events with no school form the site's chain), the hash of the previous event of
that chain, and an HMAC under ``settings.AUDIT_HMAC_KEY``.

Existing events are re-chained once, here, by the tables' owner (the triggers are lifted for
this one statement and put back in the same transaction). The old chain is checked first: if
it is already broken, the migration stops rather than sign tampered history with the new key.
"""

import hashlib
import json

from django.db import migrations, models

from accounts import audit_triggers


def _old_digest(event):
    payload = json.dumps(
        [
            event.prev_hash,
            event.at.isoformat(),
            event.actor_id,
            event.actor_label,
            event.school_id,
            event.action,
            event.object_type,
            str(event.object_id),
            event.object_repr,
            event.changes,
            event.ip_address,
        ],
        sort_keys=True,
        default=str,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def rechain(apps, schema_editor):
    from accounts.audit import event_digest

    AuditEvent = apps.get_model("accounts", "AuditEvent")
    events = list(AuditEvent.objects.order_by("pk"))
    prev = ""
    for event in events:
        if event.prev_hash != prev or event.hash != _old_digest(event):
            raise RuntimeError(
                f"The audit trail was already broken at event {event.pk} before it was re-keyed: keep a copy "
                "of the database as it is and investigate (manage.py verify_audit_chain on the previous release)."
            )
        prev = event.hash
    if not events:
        return
    connection = schema_editor.connection
    audit_triggers.remove(connection)
    heads = {}
    for event in events:
        seq, prev_hash = heads.get(event.school_id, (0, ""))
        event.seq, event.prev_hash = seq + 1, prev_hash
        event.hash = event_digest(event)
        heads[event.school_id] = (event.seq, event.hash)
    AuditEvent.objects.bulk_update(events, ["seq", "prev_hash", "hash"], batch_size=1000)
    audit_triggers.install(connection)


def reinstall_triggers(apps, schema_editor):
    """SQLite rebuilds the table to change a column, which drops its triggers: put them back."""
    audit_triggers.remove(schema_editor.connection)
    audit_triggers.install(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0005_invitations")]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="seq",
            field=models.PositiveBigIntegerField(null=True, verbose_name="place in its chain"),
        ),
        migrations.RunPython(rechain, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="auditevent",
            name="seq",
            field=models.PositiveBigIntegerField(verbose_name="place in its chain"),
        ),
        migrations.AddConstraint(
            model_name="auditevent",
            constraint=models.UniqueConstraint(fields=("school", "seq"), name="audit_event_one_per_place_in_school_chain"),
        ),
        migrations.AddConstraint(
            model_name="auditevent",
            constraint=models.UniqueConstraint(
                condition=models.Q(("school__isnull", True)), fields=("seq",), name="audit_event_one_per_place_in_site_chain"
            ),
        ),
        migrations.RunPython(reinstall_triggers, migrations.RunPython.noop),
    ]
