"""Tables in: the one reader of an uploaded CSV or XLSX file, for the portal's imports.

Every cell comes back as the text stored in the file. A formula is read as its own text
('=SUM(A1:A3)'), never evaluated, so nothing in a file runs. The file is checked for what its
name says before anything else is read: a workbook must be a real Office Open XML package, a
CSV must be text. Any failure is an `UnreadableFile` with a sentence for the person who
uploaded it; a row's own errors are the importer's (`Row.number` names the row as the
spreadsheet shows it).
"""

import csv
import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import PurePath

from openpyxl import load_workbook

MAX_UPLOAD_BYTES = 5 * 1024 * 1024  # a force's set-up or ten years of grades is well under 1 MB
# A workbook is a zip: its unpacked size is bounded too, so that a small file cannot unpack
# into gigabytes.
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_ROWS = 20_000
EXTENSIONS = ("csv", "xlsx")


class UnreadableFile(ValueError):
    """The file as a whole cannot be read; the message says why, in words for its uploader."""


@dataclass(frozen=True)
class Row:
    number: int  # the row's number as the spreadsheet shows it (1 is the first line)
    cells: dict[str, str]

    def get(self, column: str) -> str:
        return self.cells.get(column, "")

    def is_empty(self) -> bool:
        return not any(self.cells.values())


@dataclass
class Table:
    name: str  # the sheet's name, or the CSV file's name without its extension
    columns: list[str]
    rows: list[Row] = field(default_factory=list)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def extension_of(filename: str) -> str:
    return PurePath(filename or "").suffix.lower().lstrip(".")


def check_upload(data: bytes, filename: str) -> str:
    """The file's kind ('csv' or 'xlsx') once its size, name and content agree."""
    kind = extension_of(filename)
    if kind not in EXTENSIONS:
        raise UnreadableFile("The file must be a spreadsheet saved as .xlsx or .csv.")
    if len(data) > MAX_UPLOAD_BYTES:
        raise UnreadableFile(
            f"The file is {_megabytes(len(data))}: it must be smaller than "
            f"{_megabytes(MAX_UPLOAD_BYTES)}."
        )
    if not data.strip():
        raise UnreadableFile("The file is empty.")
    is_zip = data[:4] == b"PK\x03\x04"
    if kind == "xlsx" and not is_zip:
        raise UnreadableFile("The file's name ends .xlsx but it is not an Excel workbook.")
    if kind == "csv" and (is_zip or b"\x00" in data[:65536]):
        raise UnreadableFile("The file's name ends .csv but it is not a CSV text file.")
    return kind


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _starts(header_starts: str | Iterable[str] | None) -> frozenset[str] | None:
    if header_starts is None:
        return None
    if isinstance(header_starts, str):
        header_starts = [header_starts]
    return frozenset(start.casefold() for start in header_starts)


def _table(name: str, lines, *, header_starts: str | Iterable[str] | None) -> Table:
    """Rows after the header: the first line whose first cell is `header_starts` (or any of
    them: a file may carry its protective marking, a title or notes above it), else the first
    non-empty line."""
    starts = _starts(header_starts)
    columns: list[str] | None = None
    table = Table(name=name, columns=[])
    for number, values in enumerate(lines, start=1):
        cells = [_text(value) for value in values]
        if columns is None:
            if not any(cells):
                continue
            if starts is not None and cells[0].casefold() not in starts:
                continue
            columns = cells
            table.columns = [column for column in columns if column]
            continue
        if number > MAX_ROWS:
            raise UnreadableFile(f"The file has more than {MAX_ROWS} rows.")
        row = Row(
            number,
            {col: cells[i] if i < len(cells) else "" for i, col in enumerate(columns) if col},
        )
        if not row.is_empty():
            table.rows.append(row)
    return table


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableFile("The CSV file's text cannot be read: save it as CSV UTF-8.")


def read_tables(
    data: bytes, filename: str, *, header_starts: str | Iterable[str] | None = None
) -> list[Table]:
    """Every table in the file: a workbook's sheets in order, or a CSV's one table. A table
    whose header is not found has no columns and no rows."""
    kind = check_upload(data, filename)
    if kind == "csv":
        try:
            lines = list(csv.reader(io.StringIO(_decode(data))))
        except csv.Error as error:
            raise UnreadableFile(f"The CSV file cannot be read: {error}.") from error
        return [_table(PurePath(filename).stem, lines, header_starts=header_starts)]
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            if sum(item.file_size for item in package.infolist()) > MAX_UNPACKED_BYTES:
                raise UnreadableFile("The workbook is too large once unpacked.")
        # data_only=False: a formula cell gives its formula's text, not a value some program
        # computed; read_only streams the rows.
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except UnreadableFile:
        raise
    except Exception as error:  # openpyxl raises many kinds for a damaged package
        raise UnreadableFile(
            "The file's name ends .xlsx but it is not an Excel workbook."
        ) from error
    try:
        return [
            _table(sheet.title, sheet.iter_rows(values_only=True), header_starts=header_starts)
            for sheet in workbook.worksheets
        ]
    finally:
        workbook.close()
