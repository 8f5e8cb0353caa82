"""The audit trail is append-only in the database itself, not only in the application.

Triggers refuse every UPDATE and DELETE of accounts_auditevent (and TRUNCATE on PostgreSQL),
so neither the ORM, a raw SQL statement nor a mistaken data migration can rewrite history.
"""

from django.db import migrations

from accounts import audit_triggers


def install(apps, schema_editor):
    audit_triggers.install(schema_editor.connection)


def remove(apps, schema_editor):
    audit_triggers.remove(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [migrations.RunPython(install, remove)]
