"""What feeds a school's headline figures: when one of these records is saved or deleted, the
school's overview figures are refreshed once the change commits (``headlines.headline_refresh_soon``).

Connected from ``ComplianceConfig.ready`` with Django's signals, so that training, speakers,
referrals and assurance never import compliance (DESIGN.md). Each entry names the model and the
path from a record to its school's id.
"""

from django.apps import apps
from django.db.models.signals import post_delete, post_save

FEEDS = {
    "accounts.Membership": "school_id",
    "training.Document": "school_id",
    "training.DocumentVersion": "document.school_id",
    "training.Acknowledgement": "school_id",
    "training.AcknowledgementWithdrawal": "acknowledgement.school_id",
    "training.Course": "school_id",
    "training.TrainingRequirement": "school_id",
    "training.TrainingRecord": "school_id",
    "training.Briefing": "school_id",
    "training.BriefingAttendance": "briefing.school_id",
    "speakers.SpeakerRequest": "school_id",
    "speakers.DueDiligenceCheck": "request.school_id",
    "speakers.Decision": "request.school_id",
    "referrals.Case": "school_id",
    "referrals.Decision": "case.school_id",
    "referrals.AgreedAction": "case.school_id",
    "assurance.RiskAssessment": "school_id",
    "assurance.Risk": "school_id",
    "assurance.RiskReview": "school_id",
    "assurance.RiskSignOff": "school_id",
    "assurance.SelfAssessment": "school_id",
    "assurance.StatementRating": "school_id",
    "assurance.FilteringRecord": "school_id",
    "assurance.FilteringReview": "school_id",
    "assurance.FilteringCheck": "school_id",
    "compliance.ActionPlan": "school_id",
    "compliance.Action": "school_id",
}


def _school_id(instance, path):
    value = instance
    for name in path.split("."):
        value = getattr(value, name, None)
        if value is None:
            return None
    return value


def _receiver(path):
    def changed(sender, instance, raw=False, **kwargs):
        if raw:  # loading fixtures
            return
        from .headlines import headline_refresh_soon

        headline_refresh_soon(_school_id(instance, path))

    return changed


_receivers = []  # signals keep weak references: the receivers live here


def connect():
    """Connect a receiver to each feeding model's post_save and post_delete."""
    for label, path in FEEDS.items():
        model = apps.get_model(label)
        receiver = _receiver(path)
        _receivers.append(receiver)
        post_save.connect(receiver, sender=model, dispatch_uid=f"headline-feed-{label}-save")
        post_delete.connect(receiver, sender=model, dispatch_uid=f"headline-feed-{label}-delete")
