"""A signed-off self-assessment keeps what was signed: evidence removed from a reopened draft
is only hidden, and on PostgreSQL the database refuses to change either."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

# On PostgreSQL the database itself keeps what was signed (beside audit/migrations/0002, whose
# triggers keep the snapshots): a signed-off row's signed fields, and the evidence files a
# signed version names. SQLite has no such triggers; reports/integrity.py finds the same
# changes there by comparing each signed-off row with its signed version.
#
# Why no exception for the reopen service (a transaction setting such as
# `SET LOCAL spr.reopening = 'on'`): any session of the service's role can issue that setting
# too, so it would stop no one who can already write an UPDATE. Nor "allowed when the status
# leaves signed-off in the same statement": that lets one UPDATE reopen and rewrite at once.
# Reopening needs neither: it changes only the status and who and when signed, never what was
# signed. So while a row is signed off its signed fields never change, whatever the new
# status; the draft that reopening leaves is then edited as drafts are.
SIGNED_COLUMNS = [
    *(
        f"{code}_{part}"
        for code in (
            "capacity_local",
            "capacity_regional",
            "capacity_national",
            "contribution_local",
            "contribution_regional",
            "contribution_national",
            "capability",
            "consistency",
            "connectivity",
        )
        for part in ("grade", "narrative")
    ),
    "evidence_sources",
    "capability_framework",
    "four_ps",
    "four_ps_narrative",
    "risks",
    "summary",
    "threat_id",
    "quarter_id",
]
# Who signed and which version: fixed for as long as the row stays signed off (reopening
# clears them). The time of signing is not, like a snapshot's: the demo dates its history.
SIGNATURE_COLUMNS = ["signed_snapshot_id", "signed_off_by_id"]


def _changed(columns):
    return " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in columns)


SIGNED_FUNCTION = """
CREATE OR REPLACE FUNCTION spr_refuse_signed_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'SPR Portal: % on % is refused: what was signed off does not change (reopen it)',
        TG_OP, TG_TABLE_NAME USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;
"""

# A file is named by a signed version through its checksum (the snapshot's "evidence_files").
EVIDENCE_FUNCTION = """
CREATE OR REPLACE FUNCTION spr_keep_signed_evidence() RETURNS trigger AS $$
BEGIN
    IF EXISTS (
        SELECT 1 FROM assessments_assessmentsnapshot s
        WHERE s.assessment_id = OLD.assessment_id AND s.reason = 'signed_off'
          AND s.data -> 'evidence_files' @> jsonb_build_array(jsonb_build_object('sha256', OLD.sha256))
    ) THEN
        RAISE EXCEPTION 'SPR Portal: % on % is refused: a signed version names this evidence file',
            TG_OP, TG_TABLE_NAME USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
"""

TRIGGERS = [
    # (trigger name, table, when, condition, function)
    (
        "assessment_signed_content_unchanged",
        "assessments_assessment",
        "BEFORE UPDATE",
        f"OLD.status = 'signed_off' AND ({_changed(SIGNED_COLUMNS)}"
        f" OR (NEW.status = 'signed_off' AND ({_changed(SIGNATURE_COLUMNS)})))",
        "spr_refuse_signed_change",
    ),
    (
        "signed_evidence_never_deleted",
        "assessments_evidencefile",
        "BEFORE DELETE",
        None,
        "spr_keep_signed_evidence",
    ),
    (
        "signed_evidence_unchanged",
        "assessments_evidencefile",
        "BEFORE UPDATE",
        _changed(["file", "sha256", "size", "name", "section", "assessment_id"]),
        "spr_keep_signed_evidence",
    ),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(SIGNED_FUNCTION, params=None)  # its % are PL/pgSQL's
    schema_editor.execute(EVIDENCE_FUNCTION, params=None)
    for name, table, when, condition, function in TRIGGERS:
        where = f" WHEN ({condition})" if condition else ""
        schema_editor.execute(
            f"CREATE TRIGGER {name} {when} ON {table} FOR EACH ROW{where}"
            f" EXECUTE FUNCTION {function}()"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table, _, _, _ in TRIGGERS:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
    schema_editor.execute("DROP FUNCTION IF EXISTS spr_refuse_signed_change()")
    schema_editor.execute("DROP FUNCTION IF EXISTS spr_keep_signed_evidence()")


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0009_improvement_action_revision"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="evidencefile",
            name="removed_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="evidencefile",
            name="removed_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.RunPython(create, drop),
    ]
