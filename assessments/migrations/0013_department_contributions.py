"""A contributing department's text in a section of another department's self-assessment,
attributed; on PostgreSQL the database refuses to add, change or remove one while its
self-assessment is signed off (it is part of what was signed, beside migration 0010)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

FUNCTION = """
CREATE OR REPLACE FUNCTION spr_keep_signed_contributions() RETURNS trigger AS $$
BEGIN
    IF EXISTS (
        SELECT 1 FROM assessments_assessment a
        WHERE a.status = 'signed_off'
          AND a.id IN (
              CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE OLD.assessment_id END,
              CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE NEW.assessment_id END
          )
    ) THEN
        RAISE EXCEPTION 'SPR Portal: % on % is refused: what was signed off does not change (reopen it)',
            TG_OP, TG_TABLE_NAME USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
"""
TRIGGER = "signed_contributions_unchanged"
TABLE = "assessments_contribution"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION, params=None)  # its % are PL/pgSQL's
    schema_editor.execute(
        f"CREATE TRIGGER {TRIGGER} BEFORE INSERT OR UPDATE OR DELETE ON {TABLE}"
        " FOR EACH ROW EXECUTE FUNCTION spr_keep_signed_contributions()"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER} ON {TABLE}")
    schema_editor.execute("DROP FUNCTION IF EXISTS spr_keep_signed_contributions()")


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0012_late_grant_deadlines_and_unled_reminders"),
        ("threats", "0005_force_profile_chief_officer_title"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Contribution",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "section",
                    models.CharField(
                        choices=[
                            ("capacity_local", "Capacity – local"),
                            ("capacity_regional", "Capacity – regional"),
                            ("capacity_national", "Capacity – national"),
                            ("contribution_local", "Contribution – local"),
                            ("contribution_regional", "Contribution – regional"),
                            ("contribution_national", "Contribution – national"),
                            ("capability", "Capability"),
                            ("consistency", "Consistency"),
                            ("connectivity", "Connectivity"),
                            ("evidence", "Evidence and capability framework"),
                            ("four_ps", "Alignment with the 4 Ps"),
                            ("risks", "Risks"),
                            ("summary", "Summary for the board report"),
                        ],
                        max_length=40,
                    ),
                ),
                ("text", models.TextField(max_length=2000)),
                ("written_by_name", models.CharField(max_length=150)),
                ("written_at", models.DateTimeField()),
                ("revision", models.PositiveIntegerField(default=1)),
                (
                    "assessment",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="contributions",
                        to="assessments.assessment",
                    ),
                ),
                (
                    "department",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="contributions",
                        to="threats.department",
                    ),
                ),
                (
                    "written_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("assessment", "section", "department"),
                        name="one_contribution_per_department_and_section",
                    )
                ],
            },
        ),
        migrations.RunPython(create, drop),
    ]
