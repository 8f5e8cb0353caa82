from django.conf import settings
from django.db import migrations, models

REASON = (
    "Recorded at the same moment as the decision it now supersedes (two people deciding at once, "
    "before one current decision per request became a database rule); linked in date order when the rule came in."
)


def chain_simultaneous_first_decisions(apps, schema_editor):
    """Requests that got two first decisions at once (the race this migration closes): each later
    one is linked as superseding the one before, so the rule holds and the decision shown as
    current stays the same. Nothing is deleted; the reason says what happened."""
    Decision = apps.get_model("speakers", "Decision")
    firsts = Decision.objects.filter(supersedes__isnull=True).order_by("request_id", "decided_at", "pk")
    previous = None
    for decision in firsts:
        if previous is not None and previous.request_id == decision.request_id:
            tail = previous
            while Decision.objects.filter(supersedes=tail).exists():
                tail = Decision.objects.filter(supersedes=tail).order_by("decided_at", "pk").first()
            Decision.objects.filter(pk=decision.pk).update(supersedes=tail, reason_for_change=REASON)
        previous = decision


class Migration(migrations.Migration):
    dependencies = [
        ("speakers", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # A second send of the same form is caught by accounts.submissions for every form now.
        migrations.RemoveField(model_name="decision", name="nonce"),
        migrations.RunPython(chain_simultaneous_first_decisions, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="decision",
            constraint=models.UniqueConstraint(
                condition=models.Q(("supersedes__isnull", True)), fields=("request",), name="speaker_decision_one_first"
            ),
        ),
    ]
