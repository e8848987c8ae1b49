"""The one reader of uploaded spreadsheets: files built here, as a person would save them."""

import io
from datetime import date

import pytest
from openpyxl import Workbook

from spr_portal.spreadsheet_reading import (
    MAX_UPLOAD_BYTES,
    UnreadableFile,
    read_tables,
)


def _xlsx(rows, title="Departments") -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_a_workbook_s_rows_come_back_as_text_named_by_their_row_number():
    data = _xlsx(
        [
            ["OFFICIAL-SENSITIVE"],
            ["Name", "Opened", "Units"],
            ["Counter Terrorism", date(2016, 2, 2), 12],
            [None, None, None],
            ["Serious and Organised Crime", None, 3.0],
        ]
    )
    (table,) = read_tables(data, "set-up.xlsx", header_starts="Name")
    assert table.name == "Departments"
    assert table.columns == ["Name", "Opened", "Units"]
    assert [(row.number, row.cells) for row in table.rows] == [
        (3, {"Name": "Counter Terrorism", "Opened": "2016-02-02", "Units": "12"}),
        (5, {"Name": "Serious and Organised Crime", "Opened": "", "Units": "3"}),
    ]


def test_a_formula_is_read_as_its_text_and_never_evaluated():
    (table,) = read_tables(_xlsx([["Name"], ["=1+1"], ['=HYPERLINK("http://x","y")']]), "a.xlsx")
    assert [row.get("Name") for row in table.rows] == ["=1+1", '=HYPERLINK("http://x","y")']


def test_a_csv_in_utf8_with_a_byte_order_mark_or_in_windows_1252():
    text = "Name,Post\r\nDét Supt Smith,Head of SOC\r\n"
    for data in (b"\xef\xbb\xbf" + text.encode("utf-8"), text.encode("cp1252")):
        (table,) = read_tables(data, "accounts.csv")
        assert table.name == "accounts"
        assert table.rows[0].cells == {"Name": "Dét Supt Smith", "Post": "Head of SOC"}
        assert table.rows[0].number == 2


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"Name\nx\n", "set-up.txt", "must be a spreadsheet saved as .xlsx or .csv"),
        (b"Name,Post\nx,y\n", "set-up.xlsx", "ends .xlsx but it is not an Excel workbook"),
        (_xlsx([["Name"], ["x"]]), "set-up.csv", "ends .csv but it is not a CSV text file"),
        (b"PK\x03\x04 not really a zip", "set-up.xlsx", "not an Excel workbook"),
        (b"Name\x00\x01\x02", "set-up.csv", "not a CSV text file"),
        (b"  \n", "set-up.csv", "The file is empty"),
        (b"x" * (MAX_UPLOAD_BYTES + 1), "set-up.csv", "it must be smaller than 5.0 MB"),
    ],
)
def test_a_file_that_is_not_what_its_name_says_is_refused_with_a_reason(data, filename, message):
    with pytest.raises(UnreadableFile, match=message):
        read_tables(data, filename)


def test_a_fifty_megabyte_file_is_refused_before_it_is_read():
    with pytest.raises(UnreadableFile, match=r"The file is 50\.0 MB"):
        read_tables(b"Name\n" + b"x" * (50 * 1024 * 1024 - 5), "history.csv")


def test_each_sheet_finds_its_own_header_among_several_and_skips_notes_above_it():
    """An import of several tables names each table's first column: each sheet's header is
    the first row starting with any of them, whatever notes or examples sit above it."""
    workbook = Workbook()
    first = workbook.active
    first.title = "Departments"
    for row in [["OFFICIAL"], ["Notes: one row each"], ["Department", "Short name"], ["A", "a"]]:
        first.append(row)
    second = workbook.create_sheet("Posts")
    for row in [["For example: ACC Crime"], ["Chief officer post"], ["ACC Ops"]]:
        second.append(row)
    notes = workbook.create_sheet("Notes")
    notes.append(["Nothing to import here"])
    out = io.BytesIO()
    workbook.save(out)
    tables = read_tables(
        out.getvalue(), "set-up.xlsx", header_starts={"department", "Chief officer post"}
    )
    assert [(t.name, t.columns, [(r.number, r.cells) for r in t.rows]) for t in tables] == [
        (
            "Departments",
            ["Department", "Short name"],
            [(4, {"Department": "A", "Short name": "a"})],
        ),
        ("Posts", ["Chief officer post"], [(3, {"Chief officer post": "ACC Ops"})]),
        ("Notes", [], []),
    ]
