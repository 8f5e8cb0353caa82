"""Django's ``flush``, able to empty the append-only tables (audit trail, evidence) too.

Flushing wipes every table of a database (the test runner does it between transactional
tests), which the append-only triggers would otherwise refuse. The triggers are lifted for the
flush and put back in the same transaction, so the tables are append-only again after.
Only the tables' owner can do this: the app's own database user cannot drop triggers.
"""

from django.core.management.commands.flush import Command as FlushCommand
from django.db import DEFAULT_DB_ALIAS, connections, transaction

from core import append_only


class Command(FlushCommand):
    def handle(self, **options):
        connection = connections[options.get("database") or DEFAULT_DB_ALIAS]
        if not append_only.append_only_models():
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
            append_only.remove(connection)
            super().handle(**options)
            append_only.install(connection)
