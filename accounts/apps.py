from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "accounts"

    def ready(self):
        from . import sessions, signals, sso  # noqa: F401
        from .append_only import ensure_triggers

        # Once per migrate (this app's signal), after every app's tables exist.
        post_migrate.connect(ensure_triggers, sender=self, dispatch_uid="accounts.append_only")
