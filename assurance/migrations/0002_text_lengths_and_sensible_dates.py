import core.dates
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('assurance', '0001_initial'),
    ]

    # Free-text lengths (a TextField's max_length is a rule of its forms) and date validators are
    # rules of the models, not of the columns: the database is left alone, so SQLite does not
    # rebuild these tables.
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='filteringcheck',
                    name='checked_on',
                    field=models.DateField(validators=[core.dates.SensibleDate(0)]),
                ),
                migrations.AlterField(
                    model_name='filteringcheck',
                    name='notes',
                    field=models.TextField(blank=True, max_length=2000),
                ),
                migrations.AlterField(
                    model_name='filteringrecord',
                    name='notes',
                    field=models.TextField(blank=True, max_length=2000),
                ),
                migrations.AlterField(
                    model_name='filteringreview',
                    name='blocking_decisions',
                    field=models.TextField(help_text='What is blocked, what is allowed for teaching and who may change it, with the reasons.', max_length=5000, verbose_name='decisions on what is blocked and why'),
                ),
                migrations.AlterField(
                    model_name='filteringreview',
                    name='checked',
                    field=models.TextField(max_length=5000, verbose_name='what was checked'),
                ),
                migrations.AlterField(
                    model_name='filteringreview',
                    name='findings',
                    field=models.TextField(max_length=5000),
                ),
                migrations.AlterField(
                    model_name='filteringreview',
                    name='reviewed_on',
                    field=models.DateField(validators=[core.dates.SensibleDate(0)]),
                ),
                migrations.AlterField(
                    model_name='governornote',
                    name='comment',
                    field=models.TextField(blank=True, max_length=2000),
                ),
                migrations.AlterField(
                    model_name='governornote',
                    name='meeting_on',
                    field=models.DateField(blank=True, null=True, validators=[core.dates.SensibleDate(0)], verbose_name='date of the meeting'),
                ),
                migrations.AlterField(
                    model_name='risk',
                    name='controls',
                    field=models.TextField(help_text="How the risk is managed now (the template's “risk management”).", max_length=5000, verbose_name='existing control measures'),
                ),
                migrations.AlterField(
                    model_name='risk',
                    name='due_on',
                    field=models.DateField(blank=True, null=True, validators=[core.dates.SensibleDate(10)], verbose_name='date for completion'),
                ),
                migrations.AlterField(
                    model_name='risk',
                    name='further_action',
                    field=models.TextField(blank=True, max_length=2000, verbose_name='further action needed'),
                ),
                migrations.AlterField(
                    model_name='risk',
                    name='hazard',
                    field=models.TextField(help_text='Where the risk comes from: the hazard or vulnerability behind it.', max_length=2000),
                ),
                migrations.AlterField(
                    model_name='risk',
                    name='risk',
                    field=models.TextField(help_text='What could happen: the risk to pupils of being drawn into terrorism.', max_length=2000),
                ),
                migrations.AlterField(
                    model_name='riskassessment',
                    name='implemented_on',
                    field=models.DateField(blank=True, null=True, validators=[core.dates.SensibleDate(0)], verbose_name='date implemented'),
                ),
                migrations.AlterField(
                    model_name='riskassessment',
                    name='local_context',
                    field=models.TextField(blank=True, help_text="The local picture, as the school records it from the local authority's counter-terrorism local profile (CTLP) briefing and the local Prevent coordinator.", max_length=5000, verbose_name='local risks'),
                ),
                migrations.AlterField(
                    model_name='riskassessment',
                    name='local_profile_briefing_on',
                    field=models.DateField(blank=True, null=True, validators=[core.dates.SensibleDate(0)], verbose_name='date of the local profile briefing'),
                ),
                migrations.AlterField(
                    model_name='riskassessment',
                    name='national_context',
                    field=models.TextField(blank=True, help_text='The national picture: the threat level and the ideologies and trends that affect children.', max_length=5000, verbose_name='national risks'),
                ),
                migrations.AlterField(
                    model_name='riskreview',
                    name='notes',
                    field=models.TextField(max_length=5000, verbose_name='what was reviewed and what changed'),
                ),
                migrations.AlterField(
                    model_name='riskreview',
                    name='reviewed_on',
                    field=models.DateField(validators=[core.dates.SensibleDate(0)]),
                ),
                migrations.AlterField(
                    model_name='risksignoff',
                    name='comment',
                    field=models.TextField(blank=True, max_length=2000),
                ),
                migrations.AlterField(
                    model_name='selfassessment',
                    name='summary',
                    field=models.TextField(blank=True, help_text="The tool's last stage: what the school has found, its strengths and priorities.", max_length=5000),
                ),
                migrations.AlterField(
                    model_name='statementrating',
                    name='evidence',
                    field=models.TextField(help_text='What shows it: documents, records, what staff and pupils say.', max_length=5000),
                ),
                migrations.AlterField(
                    model_name='statementrating',
                    name='note',
                    field=models.TextField(blank=True, max_length=2000, verbose_name='RAG note'),
                ),
            ],
            database_operations=[],
        ),
    ]
