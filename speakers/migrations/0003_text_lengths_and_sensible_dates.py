import core.dates
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('speakers', '0002_one_current_decision'),
    ]

    # Free-text lengths (a TextField's max_length is a rule of its forms) and date validators are
    # rules of the models, not of the columns: the database is left alone, so SQLite does not
    # rebuild these tables.
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='checktemplate',
                    name='guidance',
                    field=models.TextField(blank=True, help_text='What to look at and where, for whoever does the check.', max_length=2000),
                ),
                migrations.AlterField(
                    model_name='decision',
                    name='justification',
                    field=models.TextField(help_text='Why: the reasons for this decision, in writing.', max_length=5000),
                ),
                migrations.AlterField(
                    model_name='decision',
                    name='other_conditions',
                    field=models.TextField(blank=True, max_length=2000),
                ),
                migrations.AlterField(
                    model_name='decision',
                    name='reason_for_change',
                    field=models.TextField(blank=True, max_length=2000),
                ),
                migrations.AlterField(
                    model_name='duediligencecheck',
                    name='notes',
                    field=models.TextField(help_text='What you found and where (links, names, dates).', max_length=5000, verbose_name='notes and sources'),
                ),
                migrations.AlterField(
                    model_name='evaluation',
                    name='notes',
                    field=models.TextField(help_text='What happened; anything that went differently from what was agreed.', max_length=5000),
                ),
                migrations.AlterField(
                    model_name='speakerrequest',
                    name='biography',
                    field=models.TextField(blank=True, max_length=5000, verbose_name='short biography'),
                ),
                migrations.AlterField(
                    model_name='speakerrequest',
                    name='outline',
                    field=models.TextField(blank=True, help_text='What the speaker intends to cover, and why.', max_length=10000),
                ),
                migrations.AlterField(
                    model_name='speakerrequest',
                    name='risk_reason',
                    field=models.TextField(blank=True, max_length=2000),
                ),
                migrations.AlterField(
                    model_name='speakerrequest',
                    name='starts_at',
                    field=models.DateTimeField(validators=[core.dates.SensibleDate(10)], verbose_name='date and time'),
                ),
            ],
            database_operations=[],
        ),
    ]
