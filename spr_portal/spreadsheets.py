"""Tables out as CSV or XLSX, each carrying its protective marking: the first row of the
sheet, the printed header and footer, and the document properties.

A cell that a spreadsheet would read as a formula (text starting =, +, -, @, tab or carriage
return) is written as text, so that nothing a user typed runs when an analyst opens the file.
"""

import csv
import io
from dataclasses import dataclass
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


def _csv_safe(value):
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return "" if value is None else value


def write_csv(out, *, marking: str, columns, rows) -> None:
    """The one CSV writer of the portal: the marking, the column names, then every row, each
    cell made formula-safe whatever it holds (a name typed at the sign-in page as much as a
    narrative). `rows` may be any iterable, so a long export streams."""
    writer = csv.writer(out)
    writer.writerow([_csv_safe(marking)])
    writer.writerow([_csv_safe(name) for name in columns])
    for row in rows:
        writer.writerow([_csv_safe(value) for value in row])


def to_csv(sheet: Sheet) -> bytes:
    buffer = io.StringIO()
    # A byte order mark, so that Excel opens the UTF-8 file with its dashes and accents intact.
    buffer.write("\ufeff")
    write_csv(buffer, marking=sheet.marking, columns=sheet.columns, rows=sheet.rows)
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


def to_xlsx(sheet: Sheet) -> bytes:
    # Write-only: rows are streamed to the file as they are appended, with no worksheet of
    # cell objects built first and walked again on saving (half the time of a year's board
    # export in the benchmark's profile). Its rule is that everything but the cells (column
    # widths, panes, print titles, header and footer) is set before the first row.
    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(sheet.title[:31])
    last_column = get_column_letter(len(sheet.columns))
    last_row = len(sheet.rows) + 2
    # The size written at the top of the sheet, as a worksheet that holds its cells gives it
    # (a streamed one leaves it out); readers size the sheet from it.
    worksheet.calculate_dimension = lambda: f"A1:{last_column}{last_row}"
    for index, name in enumerate(sheet.columns, start=1):
        worksheet.column_dimensions[get_column_letter(index)].width = max(12, len(name) + 2)
    worksheet.freeze_panes = "A3"
    worksheet.print_title_rows = "1:2"
    worksheet.oddHeader.center.text = sheet.marking
    worksheet.oddFooter.center.text = sheet.marking
    worksheet.oddFooter.right.text = "Page &P of &N"
    worksheet.append([_bold(worksheet, sheet.marking)])
    worksheet.append([_bold(worksheet, name) for name in sheet.columns])
    for row in sheet.rows:
        # Only text starting "=" can be read as a formula; other values go in as they are.
        worksheet.append(
            [_text_cell(worksheet, v) if isinstance(v, str) and v[:1] == "=" else v for v in row]
        )
    properties = workbook.properties
    properties.title = sheet.title
    properties.creator = sheet.author
    properties.keywords = sheet.marking
    properties.category = sheet.marking
    properties.subject = sheet.marking
    properties.language = "en-GB"
    properties.created = properties.modified = datetime.now(UTC).replace(tzinfo=None)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def sheet_response(sheet: Sheet, fmt: str, filename: str) -> HttpResponse:
    """The sheet as a download; an unknown format is a 404."""
    return download(sheet_content(sheet, fmt), fmt, filename)


def sheet_content(sheet: Sheet, fmt: str):
    """The sheet's file, CSV text or XLSX bytes; an unknown format is a 404."""
    if fmt not in FORMATS:
        raise Http404("Exports are CSV or XLSX.")
    return to_csv(sheet) if fmt == "csv" else to_xlsx(sheet)


def download(content, fmt: str, filename: str) -> HttpResponse:
    """A file made by `sheet_content` as a download (kept in a cache or made just now)."""
    response = HttpResponse(content, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    response["Cache-Control"] = "private, no-store"
    return response
