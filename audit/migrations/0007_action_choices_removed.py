"""The action column keeps no list of choices: audit_record checks the action against
AuditAction, so a new action needs no migration (each used to copy the whole list into one)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0006_contributors_and_crest"),
    ]

    operations = [
        migrations.AlterField(
            model_name="auditevent",
            name="action",
            field=models.CharField(db_index=True, max_length=40),
        ),
    ]
