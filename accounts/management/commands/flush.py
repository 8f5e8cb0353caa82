"""Django's ``flush``, able to empty the append-only audit table too.

Flushing wipes every table of a database (the test runner does it between transactional
tests), which the audit triggers would otherwise refuse. The triggers are lifted for the
flush and put back in the same transaction, so the audit table is append-only again after.
"""

from django.core.management.commands.flush import Command as FlushCommand
from django.db import DEFAULT_DB_ALIAS, connections, transaction

from accounts import audit_triggers


class Command(FlushCommand):
    def handle(self, **options):
        connection = connections[options.get("database") or DEFAULT_DB_ALIAS]
        if audit_triggers.TABLE not in connection.introspection.table_names():
            return super().handle(**options)
        # One transaction: if the flush fails, the triggers are back as they were.
        with transaction.atomic(using=connection.alias):
            if connection.vendor == "postgresql":
                # PostgreSQL will not TRUNCATE a table whose deferred foreign-key checks are
                # still pending in this transaction (a test that flushes after writing): run
                # them now, then defer again as Django's own constraint check does.
                with connection.cursor() as cursor:
                    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                    cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            audit_triggers.remove(connection)
            super().handle(**options)
            audit_triggers.install(connection)
