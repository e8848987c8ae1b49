"""On PostgreSQL, a stored PDF's record of its signature (signed or not, by whom, the
certificate's fingerprint) is as unchangeable as its bytes (audit/migrations/0002): who signed
a paper is part of what was published."""

from django.db import migrations

TRIGGER = (
    "CREATE TRIGGER pdf_signature_unchanged BEFORE UPDATE ON reports_publishedpdf FOR EACH ROW"
    " WHEN (OLD.signing IS DISTINCT FROM NEW.signing"
    " OR OLD.signer_subject IS DISTINCT FROM NEW.signer_subject"
    " OR OLD.signer_fingerprint IS DISTINCT FROM NEW.signer_fingerprint)"
    " EXECUTE FUNCTION spr_refuse_rewrite()"
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TRIGGER)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "DROP TRIGGER IF EXISTS pdf_signature_unchanged ON reports_publishedpdf"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0008_published_pdf_signature"),
        ("audit", "0002_append_only_triggers"),
    ]

    operations = [migrations.RunPython(create, drop)]
