"""What every assurance use case shares: one record per form submit, and history in JSON."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from accounts.audit import record_event


def create_once(model, *, nonce, school, build):
    """Save the record ``build()`` returns, once per ``nonce`` (the form's one-time key).

    A second submit of the same form (a double click, a retry after an error) returns the record
    the first one made; two at the same moment meet the unique constraint and the loser returns
    the winner's record. ``build`` saves nothing itself; the record is saved with
    ``full_clean`` here, and ``after(record)`` (if the record has one) runs in the same
    transaction.
    """
    if not nonce:
        raise ValidationError("This form has expired: open it again.")
    existing = model.objects.filter(nonce=nonce).first()
    if existing is not None:
        if existing.school_id != school.pk:
            raise ValidationError("This form has expired: open it again.")
        return existing, False
    record = build()
    record.nonce = nonce
    record.full_clean()
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError:
        existing = model.objects.filter(nonce=nonce, school=school).first()
        if existing is None:
            raise
        return existing, False
    return record, True


def create_once_audited(model, *, nonce, school, by, action, changes, **fields):
    """``create_once`` of ``model(school=school, **fields)``; the submit that makes it records the
    audit event ``action`` with ``changes``. Returns (record, created)."""
    record, created = create_once(model, nonce=nonce, school=school, build=lambda: model(school=school, **fields))
    if created:
        record_event(action=action, by=by, school=school, obj=record, changes=changes)
    return record, created


def json_value(value):
    """A JSON-friendly form of a field value for a history entry."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if hasattr(value, "pk"):
        return str(value)
    return value


def json_changes(changes):
    return {name: [json_value(old), json_value(new)] for name, (old, new) in changes.items()}


def not_in_future(value, field, today):
    if value and value > today:
        raise ValidationError({field: "This date cannot be in the future."})
