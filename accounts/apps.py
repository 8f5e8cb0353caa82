from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "accounts"

    def ready(self):
        from core.append_only import ensure_triggers

        from . import sessions, signals, sso  # noqa: F401

        # Once per migrate (this app's signal), after every app's tables exist.
        post_migrate.connect(ensure_triggers, sender=self, dispatch_uid="core.append_only")
