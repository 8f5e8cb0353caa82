"""What the app's own PostgreSQL user may do: read and insert evidence, never change or delete it.

The tables belong to the owner who runs migrations (and so may drop or disable triggers); the
app connects as another role, granted here:

- append-only tables (the audit trail, decisions, acknowledgements, training records, ...):
  SELECT and INSERT only, plus UPDATE of a set-once column (a training record's verification);
- ``django_migrations``: SELECT only (the app checks it, only the owner migrates);
- every other table: SELECT, INSERT, UPDATE, DELETE; sequences: USAGE and SELECT.

A role that is not the owner cannot ALTER TABLE ... DISABLE TRIGGER, DROP TRIGGER or TRUNCATE.
"""

from django.apps import apps
from django.db import connection

from .append_only import append_only_models, set_once_columns

READ_ONLY_TABLES = {"django_migrations"}


def grant_statements(role):
    q = connection.ops.quote_name
    role_name = q(role)
    tables = set(connection.introspection.table_names())
    append_only = {m._meta.db_table: m for m in append_only_models()}
    statements = [
        f"GRANT CONNECT ON DATABASE {q(connection.settings_dict['NAME'])} TO {role_name}",
        f"GRANT USAGE ON SCHEMA public TO {role_name}",
    ]
    managed = {m._meta.db_table for m in apps.get_models(include_auto_created=True)} | READ_ONLY_TABLES
    for table in sorted(managed & tables):
        # Start from nothing, so that a second run after a model became append-only takes UPDATE away.
        statements.append(f"REVOKE ALL ON {q(table)} FROM {role_name}")
        if table in append_only:
            statements.append(f"GRANT SELECT, INSERT ON {q(table)} TO {role_name}")
            columns = set_once_columns(append_only[table])
            if columns:
                statements.append(f"GRANT UPDATE ({', '.join(q(c) for c in columns)}) ON {q(table)} TO {role_name}")
        elif table in READ_ONLY_TABLES:
            statements.append(f"GRANT SELECT ON {q(table)} TO {role_name}")
        else:
            statements.append(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {q(table)} TO {role_name}")
    statements.append(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role_name}")
    return statements


def grant_app_user(role):
    """Grant ``role`` what the app needs and no more; returns the statements run."""
    if connection.vendor != "postgresql":
        raise ValueError("Database users and privileges exist only on PostgreSQL.")
    statements = grant_statements(role)
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolname FROM pg_roles WHERE rolname = %s", [role])
        if cursor.fetchone() is None:
            raise ValueError(f"There is no database role {role!r}: create it first (CREATE ROLE ... LOGIN).")
        cursor.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tableowner = %s LIMIT 1", [role]
        )
        if cursor.fetchone() is not None:
            raise ValueError(f"{role!r} owns tables: the app's user must not be the owner who runs migrations.")
        for statement in statements:
            cursor.execute(statement)
    return statements
