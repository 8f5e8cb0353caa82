from django.apps import AppConfig


class ComplianceConfig(AppConfig):
    name = "compliance"

    def ready(self):
        from . import checks  # noqa: F401  (registers the plan templates' check)
