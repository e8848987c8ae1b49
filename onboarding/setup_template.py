"""The set-up spreadsheet's template: one sheet per table (or one CSV file per table), each
with the portal's protective marking, what the table holds, a note and an example under each
column, then the column names the import looks for, and empty rows to fill in. The notes and
the example sit above the column names, so the import never reads them as rows."""

from onboarding.services.setup_import import SPECS, TableSpec
from spr_portal.spreadsheets import Sheet, to_csv, to_workbook
from threats.force_profile import PORTAL_MARKING

TITLE = "SPR Portal set-up spreadsheet"
AUTHOR = "SPR Portal"


def template_sheet(spec: TableSpec, rows=()) -> Sheet:
    blank = [""] * (len(spec.columns) - 1)
    preamble = [
        [f"{spec.title}: {spec.about}", *blank],
        [f"Notes: {spec.columns[0].note}", *[c.note for c in spec.columns[1:]]],
        *([f"For example: {row[0]}", *row[1:]] for row in spec.example),
        ["The import reads the rows under the column names below.", *blank],
    ]
    return Sheet(
        title=spec.title,
        columns=spec.column_names(),
        rows=[list(row) for row in rows],
        marking=str(PORTAL_MARKING),
        author=AUTHOR,
        preamble=preamble,
    )


def template_xlsx(rows_by_table: dict[str, list] | None = None) -> bytes:
    """The workbook; `rows_by_table` fills it in (the example force's file)."""
    rows_by_table = rows_by_table or {}
    sheets = [template_sheet(spec, rows_by_table.get(spec.key, ())) for spec in SPECS]
    return to_workbook(sheets, title=TITLE, marking=str(PORTAL_MARKING), author=AUTHOR)


def template_csv(spec: TableSpec, rows=()) -> bytes:
    return to_csv(template_sheet(spec, rows))
