"""On PostgreSQL, the database itself refuses to rewrite history: UPDATE and DELETE of audit
rows, and any change to the evidence of a signed snapshot or a stored PDF, raise an error
whatever issues the statement. (SQLite has no such triggers here; the models refuse there.)

A snapshot's and a PDF's own bytes, fingerprint and owner are protected; their timestamps
are not, so that seeded demo history can be dated in its own quarter.
"""

from django.db import migrations

FUNCTION = """
CREATE OR REPLACE FUNCTION spr_refuse_rewrite() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'SPR Portal: % on % is refused: the record is append-only', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;
"""

TRIGGERS = [
    # (trigger name, table, when, condition)
    ("audit_event_append_only", "audit_auditevent", "BEFORE UPDATE OR DELETE", None),
    ("snapshot_never_deleted", "assessments_assessmentsnapshot", "BEFORE DELETE", None),
    (
        "snapshot_evidence_unchanged",
        "assessments_assessmentsnapshot",
        "BEFORE UPDATE",
        "OLD.data IS DISTINCT FROM NEW.data OR OLD.fingerprint IS DISTINCT FROM NEW.fingerprint"
        " OR OLD.assessment_id IS DISTINCT FROM NEW.assessment_id"
        " OR OLD.number IS DISTINCT FROM NEW.number OR OLD.reason IS DISTINCT FROM NEW.reason"
        " OR OLD.created_by_id IS DISTINCT FROM NEW.created_by_id",
    ),
    ("pdf_never_deleted", "reports_publishedpdf", "BEFORE DELETE", None),
    (
        "pdf_evidence_unchanged",
        "reports_publishedpdf",
        "BEFORE UPDATE",
        "OLD.content IS DISTINCT FROM NEW.content OR OLD.sha256 IS DISTINCT FROM NEW.sha256"
        " OR OLD.report_id IS DISTINCT FROM NEW.report_id OR OLD.size IS DISTINCT FROM NEW.size"
        " OR OLD.pages IS DISTINCT FROM NEW.pages",
    ),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION, params=None)  # its % are PL/pgSQL's, not parameters
    for name, table, when, condition in TRIGGERS:
        where = f" WHEN ({condition})" if condition else ""
        schema_editor.execute(
            f"CREATE TRIGGER {name} {when} ON {table} FOR EACH ROW{where}"
            " EXECUTE FUNCTION spr_refuse_rewrite()"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table, _, _ in TRIGGERS:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
    schema_editor.execute("DROP FUNCTION IF EXISTS spr_refuse_rewrite()")


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
        ("assessments", "0003_one_open_quarter"),
        ("reports", "0002_correction_and_frozen_annex"),
    ]

    operations = [migrations.RunPython(create, drop)]
