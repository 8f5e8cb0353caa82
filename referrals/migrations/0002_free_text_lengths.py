from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('referrals', '0001_initial'),
    ]

    # A TextField's max_length is a rule of its forms, not of the column (text either way): the
    # database is left alone, so SQLite does not rebuild these tables (and drop their triggers).
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='agencycontact',
                    name='response',
                    field=models.TextField(blank=True, help_text='What they advised or decided.', max_length=5000),
                ),
                migrations.AlterField(
                    model_name='case',
                    name='outcome_note',
                    field=models.TextField(blank=True, max_length=5000),
                ),
                migrations.AlterField(
                    model_name='channelpanel',
                    name='support_summary',
                    field=models.TextField(blank=True, help_text='The support offered and agreed (consent given).', max_length=5000),
                ),
                migrations.AlterField(
                    model_name='decision',
                    name='rationale',
                    field=models.TextField(help_text='Why: what was considered and what it was weighed against.', max_length=10000),
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
