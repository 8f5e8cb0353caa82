from django.apps import AppConfig


class ComplianceConfig(AppConfig):
    name = "compliance"

    def ready(self):
        # The assurance pages show the progress of the plan actions raised from them through this
        # provider: assurance never imports compliance (see compliance/raised_actions.py).
        from assurance import plan_link

        from .raised_actions import PlanLinks
        from .reports import headline_feeds

        plan_link.register(PlanLinks())
        # The trust overview's figures follow every change that feeds them.
        headline_feeds.connect()
