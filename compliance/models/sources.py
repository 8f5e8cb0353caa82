"""Where an action of the plan comes from in the Prevent duty's own instruments (assurance).

The link lives here, on the plan's side, because compliance may read assurance but never the
reverse (DESIGN.md); assurance sees the links through the provider compliance registers with
``assurance.plan_link``.
"""

from django.conf import settings
from django.db import models

from .plan import Action

__all__ = ["ActionSource"]


class ActionSource(models.Model):
    """An action raised from (or linked to) a risk, a self-assessment rating or a filtering review or check."""

    school = models.ForeignKey("accounts.School", on_delete=models.PROTECT, related_name="+")
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="sources")
    risk = models.ForeignKey("assurance.Risk", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    rating = models.ForeignKey(
        "assurance.StatementRating", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    filtering_review = models.ForeignKey(
        "assurance.FilteringReview", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    filtering_check = models.ForeignKey(
        "assurance.FilteringCheck", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # True: the action was made from this record; False: an action already in the plan was linked to it.
    raised = models.BooleanField(default=True)
    # The raising form's one-time key: a double click makes one action (blank for links).
    nonce = models.CharField(max_length=64, null=True, blank=True, unique=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(
                        risk__isnull=False,
                        rating__isnull=True,
                        filtering_review__isnull=True,
                        filtering_check__isnull=True,
                    )
                    | models.Q(
                        risk__isnull=True,
                        rating__isnull=False,
                        filtering_review__isnull=True,
                        filtering_check__isnull=True,
                    )
                    | models.Q(
                        risk__isnull=True,
                        rating__isnull=True,
                        filtering_review__isnull=False,
                        filtering_check__isnull=True,
                    )
                    | models.Q(
                        risk__isnull=True,
                        rating__isnull=True,
                        filtering_review__isnull=True,
                        filtering_check__isnull=False,
                    )
                ),
                name="action_source_names_one_record",
            ),
            models.UniqueConstraint(fields=["action", "risk"], name="action_source_once_per_risk"),
            models.UniqueConstraint(fields=["action", "rating"], name="action_source_once_per_rating"),
            models.UniqueConstraint(fields=["action", "filtering_review"], name="action_source_once_per_review"),
            models.UniqueConstraint(fields=["action", "filtering_check"], name="action_source_once_per_check"),
        ]

    def __str__(self):
        return f"{self.action} ← {self.source_kind}"

    @property
    def source_kind(self):
        for field, kind in SOURCE_FIELDS.items():
            if getattr(self, f"{field}_id"):
                return kind
        return ""


# The ActionSource field for each kind of record (assurance.plan_link.KINDS).
KIND_FIELDS = {
    "risk": "risk",
    "rating": "rating",
    "filtering-review": "filtering_review",
    "filtering-check": "filtering_check",
}
SOURCE_FIELDS = {field: kind for kind, field in KIND_FIELDS.items()}
