from django.conf import settings
from django.db import migrations, models

REASON = (
    "Recorded at the same moment as the decision it now supersedes (two people deciding at once, "
    "before one current decision per request became a database rule); linked in date order when the rule came in."
)


def chain_simultaneous_first_decisions(apps, schema_editor):
    """Requests that got two first decisions at once (the race this migration closes): each later
    one is linked as superseding the end of the chain before it, so that the rule holds and the
    decision shown as current stays the latest. Nothing is deleted; the reason says what happened.
    """
    Decision = apps.get_model("speakers", "Decision")
    rows = list(Decision.objects.order_by("request_id", "decided_at", "pk").values("pk", "request_id", "supersedes_id"))
    successor = {r["supersedes_id"]: r["pk"] for r in rows if r["supersedes_id"]}
    links, last_root = [], {}
    for row in rows:
        if row["supersedes_id"] is not None:
            continue
        previous = last_root.get(row["request_id"])
        if previous is not None:
            tail = previous
            while tail in successor:
                tail = successor[tail]
            links.append((row["pk"], tail))
            successor[tail] = row["pk"]
        last_root[row["request_id"]] = row["pk"]
    if not links:
        return
    # Decisions are append-only in the database (core.append_only): this one repair lifts the
    # table's triggers for its own updates; migrate's post_migrate step puts them back.
    from core import append_only

    connection = schema_editor.connection
    with connection.cursor() as cursor:
        for statement in append_only.remove_statements(connection, Decision):
            cursor.execute(statement)
    for pk, tail in links:
        Decision.objects.filter(pk=pk).update(supersedes_id=tail, reason_for_change=REASON)


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
