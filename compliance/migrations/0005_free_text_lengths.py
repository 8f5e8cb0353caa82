from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('compliance', '0004_school_headlines'),
    ]

    # A TextField's max_length is a rule of its forms, not of the column (text either way): the
    # database is left alone, so SQLite does not rebuild these tables (and drop their triggers).
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='action',
                    name='notes',
                    field=models.TextField(blank=True, max_length=5000),
                ),
                migrations.AlterField(
                    model_name='action',
                    name='text',
                    field=models.TextField(max_length=2000),
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
