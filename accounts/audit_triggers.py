"""The database triggers that make the audit trail append-only, per database vendor.

Installed by migration accounts.0002; the ``flush`` command (which empties every table, so is
only run on a test or throw-away database) lifts them for the length of the flush.
"""

TABLE = "accounts_auditevent"
MESSAGE = "The audit trail is append-only: events cannot be changed or deleted."

INSTALL = {
    "postgresql": [
        f"""
        CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger AS $$
        BEGIN
            RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'insufficient_privilege';
        END;
        $$ LANGUAGE plpgsql
        """,
        f"""
        CREATE TRIGGER audit_event_no_update_delete
            BEFORE UPDATE OR DELETE ON {TABLE}
            FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()
        """,
        f"""
        CREATE TRIGGER audit_event_no_truncate
            BEFORE TRUNCATE ON {TABLE}
            FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()
        """,
    ],
    "sqlite": [
        f"CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON {TABLE} BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END",
        f"CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON {TABLE} BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END",
    ],
}

REMOVE = {
    "postgresql": [
        f"DROP TRIGGER IF EXISTS audit_event_no_truncate ON {TABLE}",
        f"DROP TRIGGER IF EXISTS audit_event_no_update_delete ON {TABLE}",
        "DROP FUNCTION IF EXISTS audit_event_append_only()",
    ],
    "sqlite": [
        "DROP TRIGGER IF EXISTS audit_event_no_update",
        "DROP TRIGGER IF EXISTS audit_event_no_delete",
    ],
}


def _execute(connection, statements):
    with connection.cursor() as cursor:
        for statement in statements.get(connection.vendor, []):
            cursor.execute(statement)


def install(connection):
    _execute(connection, INSTALL)


def remove(connection):
    _execute(connection, REMOVE)
