import core.dates
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('compliance', '0007_action_sources'),
    ]

    # Free-text lengths (a TextField's max_length is a rule of its forms) and date validators are
    # rules of the models, not of the columns: the database is left alone, so SQLite does not
    # rebuild these tables.
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='action',
                    name='last_reviewed_on',
                    field=models.DateField(blank=True, null=True, validators=[core.dates.SensibleDate(0)]),
                ),
                migrations.AlterField(
                    model_name='action',
                    name='notes',
                    field=models.TextField(blank=True, max_length=5000),
                ),
                migrations.AlterField(
                    model_name='action',
                    name='review_date',
                    field=models.DateField(blank=True, null=True, validators=[core.dates.SensibleDate(10)]),
                ),
                migrations.AlterField(
                    model_name='action',
                    name='target_date',
                    field=models.DateField(blank=True, null=True, validators=[core.dates.SensibleDate(10)]),
                ),
                migrations.AlterField(
                    model_name='action',
                    name='text',
                    field=models.TextField(max_length=2000),
                ),
                migrations.AlterField(
                    model_name='actionplan',
                    name='adopted_on',
                    field=models.DateField(blank=True, null=True, validators=[core.dates.SensibleDate(0)]),
                ),
                migrations.AlterField(
                    model_name='actionplan',
                    name='next_review_on',
                    field=models.DateField(blank=True, null=True, validators=[core.dates.SensibleDate(10)], verbose_name='next review date'),
                ),
                migrations.AlterField(
                    model_name='actionplan',
                    name='statement',
                    field=models.TextField(blank=True, max_length=5000),
                ),
                migrations.AlterField(
                    model_name='challengeentry',
                    name='answer',
                    field=models.TextField(blank=True, max_length=5000),
                ),
                migrations.AlterField(
                    model_name='challengeentry',
                    name='question',
                    field=models.TextField(max_length=2000),
                ),
                migrations.AlterField(
                    model_name='evidenceitem',
                    name='text',
                    field=models.TextField(blank=True, max_length=5000),
                ),
            ],
            database_operations=[],
        ),
    ]
