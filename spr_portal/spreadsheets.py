"""Tables out as CSV or XLSX, each carrying its protective marking: the first row of the
sheet, the printed header and footer, and the document properties.

A cell that a spreadsheet would read as a formula (text starting =, +, -, @, tab or carriage
return) is written as text, so that nothing a user typed runs when an analyst opens the file.
"""

import csv
import io
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.http import Http404, HttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_BOLD = Font(bold=True)


@dataclass
class Sheet:
    title: str  # the sheet's and the file's title
    columns: list[str]
    rows: list[list]
    marking: str
    author: str
    # Rows between the marking and the column names (a template's notes and example); text
    # only, kept as text.
    preamble: list[list] = field(default_factory=list)


def _csv_safe(value):
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return "" if value is None else value


def write_csv(out, *, marking: str, columns, rows, preamble=()) -> None:
    """The one CSV writer of the portal: the marking, the column names, then every row, each
    cell made formula-safe whatever it holds (a name typed at the sign-in page as much as a
    narrative). `rows` may be any iterable, so a long export streams."""
    writer = csv.writer(out)
    writer.writerow([_csv_safe(marking)])
    for row in preamble:
        writer.writerow([_csv_safe(value) for value in row])
    writer.writerow([_csv_safe(name) for name in columns])
    for row in rows:
        writer.writerow([_csv_safe(value) for value in row])


def to_csv(sheet: Sheet) -> bytes:
    buffer = io.StringIO()
    # A byte order mark, so that Excel opens the UTF-8 file with its dashes and accents intact.
    buffer.write("\ufeff")
    write_csv(
        buffer,
        marking=sheet.marking,
        columns=sheet.columns,
        rows=sheet.rows,
        preamble=sheet.preamble,
    )
    return buffer.getvalue().encode("utf-8")


def _text_cell(worksheet, value):
    """A cell that keeps typed text that looks like a formula as text."""
    cell = WriteOnlyCell(worksheet, value)
    if cell.data_type == "f":
        cell.data_type = "s"
    return cell


def _bold(worksheet, value):
    cell = WriteOnlyCell(worksheet, value)
    cell.font = _BOLD
    return cell


def _write_sheet(workbook, sheet: Sheet) -> None:
    # Write-only: rows are streamed to the file as they are appended, with no worksheet of
    # cell objects built first and walked again on saving (half the time of a year's board
    # export in the benchmark's profile). Its rule is that everything but the cells (column
    # widths, panes, print titles, header and footer) is set before the first row.
    worksheet = workbook.create_sheet(sheet.title[:31])
    header_row = len(sheet.preamble) + 2
    last_column = get_column_letter(max(len(sheet.columns), 1))
    last_row = len(sheet.rows) + header_row
    # The size written at the top of the sheet, as a worksheet that holds its cells gives it
    # (a streamed one leaves it out); readers size the sheet from it.
    worksheet.calculate_dimension = lambda: f"A1:{last_column}{last_row}"
    for index, name in enumerate(sheet.columns, start=1):
        worksheet.column_dimensions[get_column_letter(index)].width = max(12, len(name) + 2)
    worksheet.freeze_panes = f"A{header_row + 1}"
    worksheet.print_title_rows = f"1:{header_row}"
    worksheet.oddHeader.center.text = sheet.marking
    worksheet.oddFooter.center.text = sheet.marking
    worksheet.oddFooter.right.text = "Page &P of &N"
    worksheet.append([_bold(worksheet, sheet.marking)])
    for row in sheet.preamble:
        worksheet.append([_text_cell(worksheet, v) if isinstance(v, str) else v for v in row])
    worksheet.append([_bold(worksheet, name) for name in sheet.columns])
    for row in sheet.rows:
        # Only text starting "=" can be read as a formula; other values go in as they are.
        worksheet.append(
            [_text_cell(worksheet, v) if isinstance(v, str) and v[:1] == "=" else v for v in row]
        )


def to_xlsx(sheet: Sheet) -> bytes:
    return to_workbook([sheet], title=sheet.title, marking=sheet.marking, author=sheet.author)


def to_workbook(sheets: list[Sheet], *, title: str, marking: str, author: str) -> bytes:
    """One workbook of several sheets (each as `to_xlsx` writes one), e.g. an import's
    template."""
    workbook = Workbook(write_only=True)
    for sheet in sheets:
        _write_sheet(workbook, sheet)
    properties = workbook.properties
    properties.title = title
    properties.creator = author
    properties.keywords = marking
    properties.category = marking
    properties.subject = marking
    properties.language = "en-GB"
    properties.created = properties.modified = datetime.now(UTC).replace(tzinfo=None)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def known_format(fmt: str) -> str:
    """The format asked for in a download's address, if the portal makes it; else a 404
    (before anything is read, and never as raw text in a cache key)."""
    if fmt not in FORMATS:
        raise Http404("Exports are CSV or XLSX.")
    return fmt


def sheet_content(sheet: Sheet, fmt: str):
    """The sheet's file, CSV text or XLSX bytes; an unknown format is a 404."""
    return to_csv(sheet) if known_format(fmt) == "csv" else to_xlsx(sheet)


def download(content, fmt: str, filename: str) -> HttpResponse:
    """A file made by `sheet_content` as a download (kept in a cache or made just now)."""
    response = HttpResponse(content, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    response["Cache-Control"] = "private, no-store"
    return response
