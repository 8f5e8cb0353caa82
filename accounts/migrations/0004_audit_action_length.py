from django.db import migrations, models

from accounts import audit_triggers


def reinstall_triggers(apps, schema_editor):
    """SQLite rebuilds the table to change a column, which drops its triggers: put them back."""
    audit_triggers.remove(schema_editor.connection)
    audit_triggers.install(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_user_sessions"),
    ]

    operations = [
        migrations.AlterField(
            model_name="auditevent",
            name="action",
            field=models.CharField(
                choices=[
                    ("create", "Created"),
                    ("update", "Changed"),
                    ("delete", "Deleted"),
                    ("view", "Viewed"),
                    ("export", "Exported"),
                    ("sign_in", "Signed in"),
                    ("sign_in_failed", "Sign-in failed"),
                    ("sign_out", "Signed out"),
                ],
                max_length=50,
            ),
        ),
        migrations.RunPython(reinstall_triggers, migrations.RunPython.noop),
    ]
