from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "training"

    def ready(self):
        from . import checks  # noqa: F401  (registers the guidance catalogue's check)
