from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "referrals"

    def ready(self):
        from . import checks  # noqa: F401  (registers the contact directory's check)
