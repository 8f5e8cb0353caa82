"""Writing and checking the audit trail."""

import contextvars
import hashlib
import json

from django.db import connection, transaction
from django.utils import timezone

from .models import AuditEvent

# The client's address for the request being served, set by AuditContextMiddleware.
current_ip = contextvars.ContextVar("current_ip", default=None)

# An arbitrary fixed key: PostgreSQL serialises writers of the chain on it.
_CHAIN_LOCK_KEY = 26_2015


def _digest(prev_hash, at, actor_id, actor_label, school_id, action, object_type, object_id, object_repr, changes, ip):
    payload = json.dumps(
        [
            prev_hash,
            at.isoformat(),
            actor_id,
            actor_label,
            school_id,
            action,
            object_type,
            str(object_id),
            object_repr,
            changes,
            ip,
        ],
        sort_keys=True,
        default=str,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def event_digest(event):
    """The hash an event must carry, computed from its own fields and its predecessor's hash."""
    return _digest(
        event.prev_hash,
        event.at,
        event.actor_id,
        event.actor_label,
        event.school_id,
        event.action,
        event.object_type,
        event.object_id,
        event.object_repr,
        event.changes,
        event.ip_address,
    )


def record_event(*, action, actor=None, school=None, obj=None, changes=None, object_type="", object_id=""):
    """Append one event to the audit trail, chained to the last one."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
    # Inside a caller's transaction no savepoint is needed: if the event cannot be written, the
    # whole change must roll back with it, never be saved without its audit line.
    with transaction.atomic(savepoint=False):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK_KEY])
        last = AuditEvent.objects.order_by("-pk").values_list("hash", flat=True).first() or ""
        event = AuditEvent(
            at=timezone.now(),
            actor=actor if actor is not None and actor.is_authenticated else None,
            actor_label=getattr(actor, "email", "") or "",
            school=school,
            action=action,
            object_type=object_type,
            object_id=str(object_id),
            object_repr=str(obj)[:200] if obj is not None else "",
            changes=json.loads(json.dumps(changes or {}, default=str)),
            ip_address=current_ip.get(),
            prev_hash=last,
        )
        event.hash = event_digest(event)
        event.save(force_insert=True)
    return event


def broken_links():
    """Events whose hash or link to the previous event does not hold: empty if the chain is whole."""
    problems = []
    prev = ""
    for event in AuditEvent.objects.order_by("pk").iterator(chunk_size=2000):
        if event.prev_hash != prev:
            problems.append((event.pk, "does not follow the previous event (one is missing or edited)"))
        if event.hash != event_digest(event):
            problems.append((event.pk, "has been changed since it was written"))
        prev = event.hash
    return problems


def diff(before, after, fields):
    """{field: [old, new]} for the fields whose value differs between two model instances."""
    changes = {}
    for name in fields:
        old, new = getattr(before, name, None), getattr(after, name, None)
        if old != new:
            changes[name] = [old, new]
    return changes
