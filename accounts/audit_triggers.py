"""The audit table's append-only triggers, as migrations 0002 and 0004 install them.

Every append-only table (the audit trail and the evidence tables) gets the same triggers from
``core.append_only``; this module names the audit table's for the migrations that predate it.
"""

from core import append_only

TABLE = "accounts_auditevent"
MESSAGE = "The audit trail is append-only: events cannot be changed or deleted."


def _audit_model():
    from .models import AuditEvent

    return AuditEvent


def install(connection):
    append_only.install(connection, [_audit_model()])


def remove(connection):
    append_only.remove(connection, [_audit_model()])
