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
            audit_triggers.remove(connection)
            super().handle(**options)
            audit_triggers.install(connection)
