"""Stored overview headlines held exact counts of Prevent concerns; trust officers must not see
those below 5 (referrals.disclosure). Rewrite them as the overview now stores them."""

from django.db import migrations

SMALL_COUNT = 5
FEWER_THAN_5 = "fewer than 5"


def withhold_small_counts(apps, schema_editor):
    SchoolHeadline = apps.get_model("compliance", "SchoolHeadline")
    for headline in SchoolHeadline.objects.all().iterator():
        value = headline.figures.get("referrals")
        if isinstance(value, int) and value < SMALL_COUNT:
            headline.figures["referrals"] = FEWER_THAN_5
            headline.save(update_fields=["figures"])


class Migration(migrations.Migration):
    dependencies = [("compliance", "0004_school_headlines")]

    operations = [migrations.RunPython(withhold_small_counts, migrations.RunPython.noop)]
