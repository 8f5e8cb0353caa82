import core.dates
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('referrals', '0002_local_contact_purpose'),
    ]

    # Free-text lengths (a TextField's max_length is a rule of its forms) and date validators are
    # rules of the models, not of the columns: the database is left alone, so SQLite does not
    # rebuild these tables.
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='agencycontact',
                    name='contacted_on',
                    field=models.DateField(default=django.utils.timezone.localdate, validators=[core.dates.SensibleDate(0)], verbose_name='date'),
                ),
                migrations.AlterField(
                    model_name='agencycontact',
                    name='response',
                    field=models.TextField(blank=True, help_text='What they advised or decided.', max_length=5000),
                ),
                migrations.AlterField(
                    model_name='agreedaction',
                    name='done_on',
                    field=models.DateField(blank=True, null=True, validators=[core.dates.SensibleDate(0)]),
                ),
                migrations.AlterField(
                    model_name='agreedaction',
                    name='due_on',
                    field=models.DateField(validators=[core.dates.SensibleDate(10)], verbose_name='due date'),
                ),
                migrations.AlterField(
                    model_name='case',
                    name='closed_on',
                    field=models.DateField(blank=True, null=True, validators=[core.dates.SensibleDate(0)]),
                ),
                migrations.AlterField(
                    model_name='case',
                    name='outcome_note',
                    field=models.TextField(blank=True, max_length=5000),
                ),
                migrations.AlterField(
                    model_name='case',
                    name='raised_on',
                    field=models.DateField(default=django.utils.timezone.localdate, validators=[core.dates.SensibleDate(0)], verbose_name='date raised'),
                ),
                migrations.AlterField(
                    model_name='case',
                    name='retention_review_on',
                    field=models.DateField(blank=True, null=True, validators=[core.dates.SensibleDate(100)], verbose_name='retention review date'),
                ),
                migrations.AlterField(
                    model_name='channelpanel',
                    name='panel_on',
                    field=models.DateField(validators=[core.dates.SensibleDate(10)], verbose_name='panel date'),
                ),
                migrations.AlterField(
                    model_name='channelpanel',
                    name='support_summary',
                    field=models.TextField(blank=True, help_text='The support offered and agreed (consent given).', max_length=5000),
                ),
                migrations.AlterField(
                    model_name='decision',
                    name='decided_on',
                    field=models.DateField(default=django.utils.timezone.localdate, validators=[core.dates.SensibleDate(0)]),
                ),
                migrations.AlterField(
                    model_name='decision',
                    name='rationale',
                    field=models.TextField(help_text='Why: what was considered and what it was weighed against.', max_length=10000),
                ),
                migrations.AlterField(
                    model_name='informationsharing',
                    name='shared_on',
                    field=models.DateField(default=django.utils.timezone.localdate, validators=[core.dates.SensibleDate(0)], verbose_name='when'),
                ),
                migrations.AlterField(
                    model_name='localcontact',
                    name='notes',
                    field=models.TextField(blank=True, max_length=2000),
                ),
            ],
            database_operations=[],
        ),
    ]
