"""A published paper stays what was published: each report published so far gets the record of
its frozen fields (reports/frozen.py, which verify_integrity compares with the row), and on
PostgreSQL the database refuses to change a published or superseded report's row, its
threats' parts, or its stored Word file (the Word file exactly like the PDF, whose triggers
are in audit/migrations/0002)."""

from django.db import migrations, models

from reports.frozen import FROZEN_FIELDS, published_record

# Every frozen column, and the record itself; the annex too. Not the status, which may go from
# published to superseded (and only that way: the condition below), nor the revision and the
# time of the last save, which say nothing of the paper.
FROZEN_COLUMNS = [*FROZEN_FIELDS, "frozen_annex", "published_record", "created_by_id"]

REPORT_FUNCTION = """
CREATE OR REPLACE FUNCTION spr_refuse_published_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'SPR Portal: % on % is refused: a published board report does not change',
        TG_OP, TG_TABLE_NAME USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;
"""

# A threat's part belongs to its report: frozen with it once it is no longer a draft. (The
# publishing service writes the parts' published names before the report's status changes.)
SECTION_FUNCTION = """
CREATE OR REPLACE FUNCTION spr_keep_published_sections() RETURNS trigger AS $$
BEGIN
    IF (TG_OP <> 'INSERT' AND EXISTS (
            SELECT 1 FROM reports_boardreport r WHERE r.id = OLD.report_id AND r.status <> 'draft'))
       OR (TG_OP <> 'DELETE' AND EXISTS (
            SELECT 1 FROM reports_boardreport r WHERE r.id = NEW.report_id AND r.status <> 'draft'))
    THEN
        RAISE EXCEPTION 'SPR Portal: % on % is refused: a published board report does not change',
            TG_OP, TG_TABLE_NAME USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
"""


def _changed(columns):
    return " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in columns)


TRIGGERS = [
    # (trigger name, table, when, condition, function)
    (
        "published_report_unchanged",
        "reports_boardreport",
        "BEFORE UPDATE",
        f"OLD.status <> 'draft' AND ({_changed(FROZEN_COLUMNS)}"
        " OR NOT (NEW.status = OLD.status"
        " OR (OLD.status = 'published' AND NEW.status = 'superseded')))",
        "spr_refuse_published_change",
    ),
    (
        "published_report_never_deleted",
        "reports_boardreport",
        "BEFORE DELETE",
        "OLD.status <> 'draft'",
        "spr_refuse_published_change",
    ),
    (
        "published_sections_unchanged",
        "reports_boardreportthreatsection",
        "BEFORE INSERT OR UPDATE OR DELETE",
        None,
        "spr_keep_published_sections",
    ),
    ("docx_never_deleted", "reports_publisheddocx", "BEFORE DELETE", None, "spr_refuse_rewrite"),
    (
        "docx_evidence_unchanged",
        "reports_publisheddocx",
        "BEFORE UPDATE",
        _changed(["content", "sha256", "report_id", "size"]),
        "spr_refuse_rewrite",
    ),
]


def record_published(apps, schema_editor):
    """The reports published before the record existed are recorded as they stand now."""
    BoardReport = apps.get_model("reports", "BoardReport")
    Section = apps.get_model("reports", "BoardReportThreatSection")
    for report in BoardReport.objects.exclude(status="draft").filter(published_record__isnull=True):
        report.published_record = published_record(report, Section.objects.filter(report=report))
        report.save(update_fields=["published_record"])


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(REPORT_FUNCTION, params=None)  # its % are PL/pgSQL's
    schema_editor.execute(SECTION_FUNCTION, params=None)
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
    schema_editor.execute("DROP FUNCTION IF EXISTS spr_refuse_published_change()")
    schema_editor.execute("DROP FUNCTION IF EXISTS spr_keep_published_sections()")


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0006_published_threat_names"),
        ("audit", "0002_append_only_triggers"),  # spr_refuse_rewrite()
    ]

    operations = [
        migrations.AddField(
            model_name="boardreport",
            name="published_record",
            field=models.JSONField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(record_published, migrations.RunPython.noop),
        migrations.RunPython(create, drop),
    ]
