"""Evidence tables are append-only in the database itself, not only in the application.

A model says it is append-only with ``append_only = True`` (and, where one fact is recorded
later exactly once, ``append_only_set_once = ["field", ...]``: those columns may go from empty to
a value once, all together, every other column staying as it was). For each such table the database refuses
every other UPDATE, every DELETE and (PostgreSQL) TRUNCATE, so neither the ORM, raw SQL, a
mistaken data migration nor the admin can rewrite evidence.

The triggers are (re)created after every ``migrate`` (``ensure_triggers``, from post_migrate):
SQLite rebuilds a table to change a column, which drops its triggers, and a column added later
must join the set-once comparison. ``flush`` (test and throw-away databases only) lifts them for
the length of the flush. The app's own database user is not the tables' owner, so it cannot
drop or disable them either (see ``manage.py db_grant_app_user``).
"""

from django.apps import apps
from django.db import transaction

FUNCTION = "prevent_append_only"
# The names the audit table's triggers had before every evidence table got them (migration 0002).
LEGACY_AUDIT_TRIGGERS = {
    "postgresql": [
        "DROP TRIGGER IF EXISTS audit_event_no_truncate ON accounts_auditevent",
        "DROP TRIGGER IF EXISTS audit_event_no_update_delete ON accounts_auditevent",
        "DROP FUNCTION IF EXISTS audit_event_append_only()",
    ],
    "sqlite": ["DROP TRIGGER IF EXISTS audit_event_no_update", "DROP TRIGGER IF EXISTS audit_event_no_delete"],
}


def append_only_models():
    """Every installed model that declares itself append-only."""
    return [m for m in apps.get_models() if getattr(m, "append_only", False)]


def message_for(model):
    return getattr(
        model,
        "append_only_message",
        f"{model._meta.verbose_name_plural.capitalize()} are append-only evidence: "
        "record a new one instead of changing or deleting one.",
    )


def set_once_columns(model):
    return [model._meta.get_field(name).column for name in getattr(model, "append_only_set_once", [])]


def _quote(text):
    return text.replace("'", "''")


def _columns(connection, table):
    with connection.cursor() as cursor:
        return [column.name for column in connection.introspection.get_table_description(cursor, table)]


def _update_allowed(connection, table, set_once, new="NEW", old="OLD"):
    """SQL that is true for the one update a set-once table allows, or None."""
    if not set_once:
        return None
    q = connection.ops.quote_name
    same = "IS" if connection.vendor == "sqlite" else "IS NOT DISTINCT FROM"
    others = [c for c in _columns(connection, table) if c not in set_once]
    unchanged = [f"{new}.{q(c)} {same} {old}.{q(c)}" for c in others]
    unset_then_set = [f"{old}.{q(c)} IS NULL AND {new}.{q(c)} IS NOT NULL" for c in set_once]
    return " AND ".join(unset_then_set + unchanged)


def install_statements(connection, model):
    table = model._meta.db_table
    message = _quote(message_for(model))
    allowed = _update_allowed(connection, table, set_once_columns(model))
    if connection.vendor == "postgresql":
        q = connection.ops.quote_name
        when_update = f"WHEN (NOT ({allowed}))" if allowed else ""
        return [
            f"""
            CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger AS $$
            BEGIN
                RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'insufficient_privilege';
            END;
            $$ LANGUAGE plpgsql
            """,
            f"DROP TRIGGER IF EXISTS {table}_no_update ON {q(table)}",
            f"DROP TRIGGER IF EXISTS {table}_no_delete ON {q(table)}",
            f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {q(table)}",
            f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {q(table)} FOR EACH ROW {when_update} "
            f"EXECUTE FUNCTION {FUNCTION}('{message}')",
            f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {q(table)} FOR EACH ROW "
            f"EXECUTE FUNCTION {FUNCTION}('{message}')",
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {q(table)} FOR EACH STATEMENT "
            f"EXECUTE FUNCTION {FUNCTION}('{message}')",
        ]
    if connection.vendor == "sqlite":
        when_update = f"WHEN NOT ({allowed})" if allowed else ""
        return [
            f"DROP TRIGGER IF EXISTS {table}_no_update",
            f"DROP TRIGGER IF EXISTS {table}_no_delete",
            f'CREATE TRIGGER {table}_no_update BEFORE UPDATE ON "{table}" {when_update} '
            f"BEGIN SELECT RAISE(ABORT, '{message}'); END",
            f'CREATE TRIGGER {table}_no_delete BEFORE DELETE ON "{table}" '
            f"BEGIN SELECT RAISE(ABORT, '{message}'); END",
        ]
    return []


def remove_statements(connection, model):
    table = model._meta.db_table
    if connection.vendor == "postgresql":
        q = connection.ops.quote_name
        names = ("no_update", "no_delete", "no_truncate")
        return [f"DROP TRIGGER IF EXISTS {table}_{what} ON {q(table)}" for what in names]
    if connection.vendor == "sqlite":
        return [f"DROP TRIGGER IF EXISTS {table}_{what}" for what in ("no_update", "no_delete")]
    return []


def _run(connection, statements):
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def _present(connection, models):
    tables = set(connection.introspection.table_names())
    return [m for m in models if m._meta.db_table in tables]


def install(connection, models=None):
    """Create (or re-create) the triggers of ``models`` (default: every append-only model)."""
    for model in _present(connection, models or append_only_models()):
        _run(connection, install_statements(connection, model))


def remove(connection, models=None):
    """Drop the triggers of ``models`` (default: every append-only model): flush only."""
    _run(connection, LEGACY_AUDIT_TRIGGERS.get(connection.vendor, []))
    for model in _present(connection, models or append_only_models()):
        _run(connection, remove_statements(connection, model))


def ensure_triggers(sender, using, **kwargs):
    """post_migrate: every append-only table has its triggers, matching its columns of now."""
    from django.db import connections

    connection = connections[using]
    with transaction.atomic(using=using):
        _run(connection, LEGACY_AUDIT_TRIGGERS.get(connection.vendor, []))
        install(connection)
