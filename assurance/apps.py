from django.apps import AppConfig


class AssuranceConfig(AppConfig):
    name = "assurance"
    verbose_name = "Prevent duty assurance"

    def ready(self):
        # The self-assessment statements are data (assurance/data/self_assessment/): a broken
        # edition stops start-up with a message, never a half-drawn page.
        from . import statements

        statements.check_all()
