"""The policing body's regard and the annual assurance statement. On PostgreSQL the database
keeps them as the services leave them: a regard entry is never changed nor removed (the
exchange only grows); a published statement's frozen columns and its stored files never
change (verify_integrity compares them where there are no triggers: reports/frozen.py)."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

from reports.frozen import STATEMENT_FIELDS

FUNCTIONS = {
    "spr_refuse_regard_change": "the policing body''s regard is only ever added to",
    "spr_refuse_statement_change": "a published assurance statement does not change",
}
STATEMENT_COLUMNS = [*STATEMENT_FIELDS, "published_record", "created_by_id"]
TRIGGERS = [
    (
        "regard_append_only",
        "reports_regardentry",
        "BEFORE UPDATE OR DELETE",
        None,
        "spr_refuse_regard_change",
    ),
    (
        "published_statement_unchanged",
        "reports_assurancestatement",
        "BEFORE UPDATE",
        "OLD.status <> 'draft' AND ("
        + " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in STATEMENT_COLUMNS)
        + " OR OLD.status IS DISTINCT FROM NEW.status)",
        "spr_refuse_statement_change",
    ),
    (
        "published_statement_never_deleted",
        "reports_assurancestatement",
        "BEFORE DELETE",
        "OLD.status <> 'draft'",
        "spr_refuse_statement_change",
    ),
    (
        "statement_files_unchanged",
        "reports_statementfile",
        "BEFORE UPDATE OR DELETE",
        None,
        "spr_refuse_statement_change",
    ),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for function, words in FUNCTIONS.items():
        schema_editor.execute(
            f"CREATE OR REPLACE FUNCTION {function}() RETURNS trigger AS $$ BEGIN "
            f"RAISE EXCEPTION 'SPR Portal: % on % is refused: {words}', TG_OP, TG_TABLE_NAME "
            "USING ERRCODE = 'integrity_constraint_violation'; END; $$ LANGUAGE plpgsql;",
            params=None,
        )
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
    for function in FUNCTIONS:
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {function}()")


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0011_approved_minutes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="AssuranceStatement",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("financial_year", models.PositiveSmallIntegerField(unique=True)),
                (
                    "status",
                    models.CharField(
                        choices=[("draft", "Draft"), ("published", "Published")],
                        default="draft",
                        max_length=12,
                    ),
                ),
                ("revision", models.PositiveIntegerField(default=1)),
                (
                    "title",
                    models.CharField(
                        default="Annual Strategic Policing Requirement assurance statement",
                        max_length=200,
                    ),
                ),
                (
                    "marking",
                    models.CharField(
                        choices=[
                            ("OFFICIAL", "OFFICIAL"),
                            ("OFFICIAL-SENSITIVE", "OFFICIAL-SENSITIVE"),
                        ],
                        default="OFFICIAL",
                        max_length=20,
                    ),
                ),
                ("force_name", models.CharField(max_length=120)),
                ("body_name", models.CharField(max_length=160)),
                ("office_name", models.CharField(blank=True, max_length=160)),
                ("introduction", models.TextField(blank=True, max_length=20000)),
                (
                    "grades_commentary",
                    models.TextField(
                        blank=True, max_length=20000, verbose_name="commentary on the grades"
                    ),
                ),
                (
                    "risks",
                    models.TextField(blank=True, max_length=20000, verbose_name="main risks"),
                ),
                (
                    "actions",
                    models.TextField(blank=True, max_length=20000, verbose_name="open actions"),
                ),
                (
                    "contribution",
                    models.TextField(
                        blank=True, max_length=20000, verbose_name="the force's contribution"
                    ),
                ),
                (
                    "conclusions",
                    models.TextField(
                        blank=True, max_length=20000, verbose_name="the policing body's conclusions"
                    ),
                ),
                ("grades", models.JSONField(default=dict)),
                ("published_record", models.JSONField(blank=True, editable=False, null=True)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("published_at", models.DateTimeField(blank=True, null=True)),
                (
                    "created_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "published_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "assurance statement",
                "ordering": ["-financial_year"],
            },
        ),
        migrations.CreateModel(
            name="RegardEntry",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("receipt", "Receipt recorded"),
                            ("question", "Question to the force"),
                            ("answer", "Answer from the force"),
                            ("conclusion", "Conclusion"),
                        ],
                        max_length=12,
                    ),
                ),
                ("text", models.TextField(blank=True, max_length=5000)),
                (
                    "conclusion",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("noted", "Noted"),
                            ("further_assurance", "Further assurance sought"),
                            ("escalated", "Escalated"),
                        ],
                        max_length=20,
                    ),
                ),
                ("author_name", models.CharField(max_length=150)),
                ("at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "answer_to",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="answers",
                        to="reports.regardentry",
                    ),
                ),
                (
                    "author",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "report",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="regard",
                        to="reports.boardreport",
                    ),
                ),
            ],
            options={
                "verbose_name": "regard entry",
                "verbose_name_plural": "regard entries",
                "ordering": ["at", "pk"],
            },
        ),
        migrations.CreateModel(
            name="StatementFile",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[("pdf", "PDF"), ("docx", "Word document")], max_length=4
                    ),
                ),
                ("content", models.BinaryField()),
                ("sha256", models.CharField(max_length=64)),
                ("size", models.PositiveIntegerField()),
                ("pages", models.PositiveSmallIntegerField(blank=True, null=True)),
                ("rendered_at", models.DateTimeField()),
                (
                    "statement",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="files",
                        to="reports.assurancestatement",
                    ),
                ),
            ],
        ),
        migrations.AddConstraint(
            model_name="assurancestatement",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("status", "draft"),
                    models.Q(("published_at__isnull", False), ("published_by__isnull", False)),
                    _connector="OR",
                ),
                name="published_statement_records_who_when",
            ),
        ),
        migrations.AddConstraint(
            model_name="assurancestatement",
            constraint=models.CheckConstraint(
                condition=models.Q(("status__in", ["draft", "published"])),
                name="statement_status_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="regardentry",
            constraint=models.CheckConstraint(
                condition=models.Q(("kind__in", ["receipt", "question", "answer", "conclusion"])),
                name="regard_kind_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="regardentry",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("conclusion__in", ["noted", "further_assurance", "escalated"]),
                        ("kind", "conclusion"),
                    ),
                    models.Q(models.Q(("kind", "conclusion"), _negated=True), ("conclusion", "")),
                    _connector="OR",
                ),
                name="regard_conclusion_only_on_conclusions",
            ),
        ),
        migrations.AddConstraint(
            model_name="regardentry",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("answer_to__isnull", False), ("kind", "answer")),
                    models.Q(
                        models.Q(("kind", "answer"), _negated=True), ("answer_to__isnull", True)
                    ),
                    _connector="OR",
                ),
                name="regard_answer_names_its_question",
            ),
        ),
        migrations.AddConstraint(
            model_name="regardentry",
            constraint=models.UniqueConstraint(
                condition=models.Q(("answer_to__isnull", False)),
                fields=("answer_to",),
                name="one_answer_per_question",
            ),
        ),
        migrations.AddConstraint(
            model_name="statementfile",
            constraint=models.UniqueConstraint(
                fields=("statement", "kind"), name="one_file_of_each_kind"
            ),
        ),
        migrations.RunPython(create, drop),
    ]
