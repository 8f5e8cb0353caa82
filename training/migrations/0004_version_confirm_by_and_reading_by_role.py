"""Each published edition gets a confirm-by date and records what each role reads of it.

Existing versions get the default confirm-by of their in-force date (1 October for a 1 September
edition, else 30 days on; a minor version its major's) and the reading their document has now.
Those dates are in the past for every edition already published, so nobody's figures change.
"""

import datetime

from django.db import migrations, models


def _default_confirm_by(in_force):
    # A copy of training.models.documents.default_confirm_by as it was when this migration was written.
    if (in_force.month, in_force.day) == (9, 1):
        return datetime.date(in_force.year, 10, 1)
    return in_force + datetime.timedelta(days=30)


def fill_existing(apps, schema_editor):
    DocumentVersion = apps.get_model("training", "DocumentVersion")
    versions = list(DocumentVersion.objects.select_related("document", "amends").order_by("pk"))
    for version in versions:
        major = version.amends or version
        version.confirm_by = _default_confirm_by(major.effective_on)
        version.reading = version.document.reading or {}
    DocumentVersion.objects.bulk_update(versions, ["confirm_by", "reading"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0003_documents"),
    ]

    operations = [
        migrations.AddField(
            model_name="documentversion",
            name="confirm_by",
            field=models.DateField(
                blank=True,
                help_text="Everyone who must read it has until this date; after it, those who have not are outstanding.",
                null=True,
                verbose_name="confirm by",
            ),
        ),
        migrations.AddField(
            model_name="documentversion",
            name="reading",
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.RunPython(fill_existing, migrations.RunPython.noop),
    ]
