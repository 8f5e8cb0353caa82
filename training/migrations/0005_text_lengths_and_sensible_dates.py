import core.dates
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('training', '0004_version_confirm_by_and_reading_by_role'),
    ]

    # Free-text lengths (a TextField's max_length is a rule of its forms) and date validators are
    # rules of the models, not of the columns: the database is left alone, so SQLite does not
    # rebuild these tables.
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='acknowledgement',
                    name='on_behalf_note',
                    field=models.TextField(blank=True, max_length=2000, verbose_name='how it was read'),
                ),
                migrations.AlterField(
                    model_name='acknowledgementwithdrawal',
                    name='reason',
                    field=models.TextField(max_length=2000),
                ),
                migrations.AlterField(
                    model_name='briefing',
                    name='held_on',
                    field=models.DateField(validators=[core.dates.SensibleDate(10)]),
                ),
                migrations.AlterField(
                    model_name='briefing',
                    name='topics',
                    field=models.TextField(help_text="What it covered, e.g. staff's duties under the Prevent duty.", max_length=5000),
                ),
                migrations.AlterField(
                    model_name='course',
                    name='description',
                    field=models.TextField(blank=True, max_length=2000),
                ),
                migrations.AlterField(
                    model_name='document',
                    name='description',
                    field=models.TextField(blank=True, help_text='Why staff read it, in a sentence or two.', max_length=2000),
                ),
                migrations.AlterField(
                    model_name='document',
                    name='review_on',
                    field=models.DateField(blank=True, null=True, validators=[core.dates.SensibleDate(10)], verbose_name='next review'),
                ),
                migrations.AlterField(
                    model_name='documentversion',
                    name='effective_on',
                    field=models.DateField(validators=[core.dates.SensibleDate(10)], verbose_name='in force from'),
                ),
                migrations.AlterField(
                    model_name='documentversion',
                    name='summary',
                    field=models.TextField(blank=True, max_length=2000, verbose_name='what changed'),
                ),
                migrations.AlterField(
                    model_name='namedgroup',
                    name='description',
                    field=models.TextField(blank=True, max_length=2000),
                ),
                migrations.AlterField(
                    model_name='trainingneedsassessment',
                    name='assessed_on',
                    field=models.DateField(default=django.utils.timezone.localdate, validators=[core.dates.SensibleDate(0)]),
                ),
                migrations.AlterField(
                    model_name='trainingneedsassessment',
                    name='risk',
                    field=models.TextField(max_length=2000, verbose_name='the risk it responds to'),
                ),
                migrations.AlterField(
                    model_name='trainingneedsassessment',
                    name='summary',
                    field=models.TextField(max_length=5000),
                ),
                migrations.AlterField(
                    model_name='trainingrecord',
                    name='completed_on',
                    field=models.DateField(validators=[core.dates.SensibleDate(0)]),
                ),
                migrations.AlterField(
                    model_name='trainingrecord',
                    name='correction_reason',
                    field=models.TextField(blank=True, max_length=2000),
                ),
                migrations.AlterField(
                    model_name='trainingrecord',
                    name='notes',
                    field=models.TextField(blank=True, max_length=2000),
                ),
                migrations.AlterField(
                    model_name='trainingrequirement',
                    name='reason',
                    field=models.TextField(max_length=2000),
                ),
            ],
            database_operations=[],
        ),
    ]
