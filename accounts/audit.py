"""Writing and checking the audit trail: a keyed hash chain per school.

Each school's events form a chain of their own (events with no school, such as failed
sign-ins, form the site's chain): an event carries its place in the chain (``seq``, from 1),
the hash of the event before it in the same chain, and an HMAC-SHA256 of its content under
``settings.AUDIT_HMAC_KEY``, a key kept outside the database. So:

- an edited or removed event breaks its chain (``broken_links``);
- re-hashing events with the app's code is useless without the key;
- one school's writers never wait for another's (the lock is per chain);
- deleting the newest events of a chain is caught by the anchor (``accounts.audit_anchor``):
  each chain's head written, periodically, somewhere the app cannot rewrite.
"""

import contextvars
import hashlib
import hmac
import json

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from .audit_actions import AuditAction
from .models import AuditEvent

# The client's address for the request being served, set by AuditContextMiddleware.
current_ip = contextvars.ContextVar("current_ip", default=None)

# PostgreSQL serialises the writers of one chain on the advisory lock (this class, chain id).
_CHAIN_LOCK_CLASS = 26_2015
SITE_CHAIN = "site"


def chain_name(school_id):
    """The anchor's name for a chain: the school's id, or "site" for events with no school."""
    return SITE_CHAIN if school_id is None else str(school_id)


def _payload(event):
    return json.dumps(
        [
            event.prev_hash,
            event.seq,
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
    ).encode()


def _key_bytes(key):
    return key.encode() if isinstance(key, str) else key


def event_digest(event, key=None):
    """The HMAC an event must carry, from its own fields, its place and its predecessor's hash."""
    return hmac.new(_key_bytes(key or settings.AUDIT_HMAC_KEY), _payload(event), hashlib.sha256).hexdigest()


def verification_keys():
    """The signing key, then older keys still accepted (rotated, or of a school's old deployment)."""
    return [settings.AUDIT_HMAC_KEY, *getattr(settings, "AUDIT_HMAC_PREVIOUS_KEYS", [])]


def digest_holds(event, keys=None):
    return any(hmac.compare_digest(event.hash, event_digest(event, key)) for key in keys or verification_keys())


def _chain(school):
    school_id = school if isinstance(school, int) or school is None else school.pk
    if school_id is None:
        return AuditEvent.objects.filter(school__isnull=True), None
    return AuditEvent.objects.filter(school_id=school_id), school_id


def record_event(*, action, by=None, school=None, obj=None, changes=None, object_type="", object_id=""):
    """Append one event to the audit trail, chained to the last one of the school's chain.

    ``action`` is an ``AuditAction`` (or its stored string); any other raises ValueError.
    """
    if action not in AuditAction.values:
        raise ValueError(f"{action!r} is not an audit action: add it to accounts.audit_actions.AuditAction")
    action = AuditAction(action).value
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
    chain, school_id = _chain(school)
    # Inside a caller's transaction no savepoint is needed: if the event cannot be written, the
    # whole change must roll back with it, never be saved without its audit line.
    with transaction.atomic(savepoint=False):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # One lock per chain: another school's writers never wait on this one.
                cursor.execute(
                    "SELECT pg_advisory_xact_lock(%s, %s)", [_CHAIN_LOCK_CLASS, (school_id or 0) % 2_147_483_647]
                )
        last_seq, last_hash = chain.order_by("-seq").values_list("seq", "hash").first() or (0, "")
        event = AuditEvent(
            at=timezone.now(),
            actor=by if by is not None and by.is_authenticated else None,
            actor_label=getattr(by, "email", "") or "",
            school_id=school_id,
            action=action,
            object_type=object_type,
            object_id=str(object_id),
            object_repr=str(obj)[:200] if obj is not None else "",
            changes=json.loads(json.dumps(changes or {}, default=str)),
            ip_address=current_ip.get(),
            seq=last_seq + 1,
            prev_hash=last_hash,
        )
        event.hash = event_digest(event)
        event.save(force_insert=True)
    return event


def _link_problems(events, keys):
    """(pk, problem) for each event of one chain (in ``seq`` order) that does not hold."""
    problems = []
    expected_seq, prev = 1, ""
    for event in events:
        if event.seq != expected_seq or event.prev_hash != prev:
            problems.append((event.pk, "does not follow the previous event (one is missing or edited)"))
        if not digest_holds(event, keys):
            problems.append((event.pk, "has been changed since it was written"))
        expected_seq, prev = event.seq + 1, event.hash
    return problems


def broken_links(school=...):
    """Events whose hash or link to the one before does not hold: empty if every chain is whole.

    Checks every chain, or only ``school``'s (None: the site's chain).
    """
    keys = verification_keys()
    events = AuditEvent.objects.order_by("school_id", "seq", "pk")
    if school is not ...:
        events = _chain(school)[0].order_by("seq", "pk")
    problems, current, batch = [], object(), []
    for event in events.iterator(chunk_size=2000):
        if event.school_id != current:
            problems += _link_problems(batch, keys)
            current, batch = event.school_id, []
        batch.append(event)
    return problems + _link_problems(batch, keys)


def chain_heads():
    """{chain name: (number of events, hash of the newest)} for every chain that has events."""
    from django.db.models import OuterRef, Subquery

    from .models import School

    newest = AuditEvent.objects.filter(school=OuterRef("pk")).order_by("-seq")
    heads = {
        chain_name(pk): (seq, head)
        for pk, seq, head in School.objects.annotate(
            head_seq=Subquery(newest.values("seq")[:1]), head_hash=Subquery(newest.values("hash")[:1])
        )
        .filter(head_seq__isnull=False)
        .values_list("pk", "head_seq", "head_hash")
    }
    site = AuditEvent.objects.filter(school__isnull=True).order_by("-seq").values_list("seq", "hash").first()
    if site:
        heads[SITE_CHAIN] = site
    return heads


def diff(before, after, fields):
    """{field: [old, new]} for the fields whose value differs between two model instances."""
    changes = {}
    for name in fields:
        old, new = getattr(before, name, None), getattr(after, name, None)
        if old != new:
            changes[name] = [old, new]
    return changes
