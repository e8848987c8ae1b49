"""spr_portal/spreadsheets.py: a workbook of several sheets, each with notes above its column
names (an import's template), marked like every export, typed text never a formula."""

import io

from openpyxl import load_workbook

from spr_portal.spreadsheets import Sheet, to_csv, to_workbook, to_xlsx


def _sheet(title, preamble=()):
    return Sheet(
        title=title,
        columns=["Name", "Short name"],
        rows=[["=cmd|' /C calc'!A0", "X"]],
        marking="OFFICIAL-SENSITIVE",
        author="SPR Portal",
        preamble=[list(row) for row in preamble],
    )


def test_a_workbook_holds_each_sheet_marked_with_its_notes_above_the_columns():
    data = to_workbook(
        [_sheet("Departments", [["Notes: one row each", "Unique"]]), _sheet("Posts")],
        title="Set-up",
        marking="OFFICIAL-SENSITIVE",
        author="SPR Portal",
    )
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Departments", "Posts"]
    assert book.properties.keywords == "OFFICIAL-SENSITIVE"
    departments, posts = book.worksheets
    assert [[c.value for c in row] for row in departments.iter_rows()] == [
        ["OFFICIAL-SENSITIVE", None],
        ["Notes: one row each", "Unique"],
        ["Name", "Short name"],
        ["=cmd|' /C calc'!A0", "X"],
    ]
    # Typed text that looks like a formula stays text; the column names stay in view.
    assert departments["A4"].data_type == "s"
    assert departments.freeze_panes == "A4"
    assert posts.freeze_panes == "A3"
    assert posts.oddHeader.center.text == "OFFICIAL-SENSITIVE"


def test_a_single_sheet_export_is_as_before():
    book = load_workbook(io.BytesIO(to_xlsx(_sheet("Board"))))
    sheet = book.worksheets[0]
    assert [[c.value for c in row] for row in sheet.iter_rows()][:2] == [
        ["OFFICIAL-SENSITIVE", None],
        ["Name", "Short name"],
    ]
    assert sheet.freeze_panes == "A3"
    assert sheet.print_title_rows == "$1:$2"


def test_a_csv_carries_its_notes_between_the_marking_and_the_columns():
    text = to_csv(_sheet("Departments", [["=Notes", "b"]])).decode("utf-8-sig")
    assert text.splitlines() == [
        "OFFICIAL-SENSITIVE",
        "'=Notes,b",
        "Name,Short name",
        "'=cmd|' /C calc'!A0,X",
    ]
