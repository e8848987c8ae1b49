"""Table cells of the Word file: borders, shading, a header row repeated on each page, and
the small print of the annex tables (python-docx has no API for the first three)."""

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor


def borders(cell, size: int = 12) -> None:
    properties = cell._tc.get_or_add_tcPr()
    element = OxmlElement("w:tcBorders")
    for edge in ("top", "left", "bottom", "right"):
        line = OxmlElement(f"w:{edge}")
        line.set(qn("w:val"), "single")
        line.set(qn("w:sz"), str(size))
        line.set(qn("w:color"), "0B0C0C")
        element.append(line)
    properties.append(element)


def shade(cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill.lstrip("#").upper())
    cell._tc.get_or_add_tcPr().append(shading)


def ink(run, colour: str) -> None:
    run.font.color.rgb = RGBColor.from_string(colour.lstrip("#").upper())


def repeat_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    properties.append(element)


def _keep_with_next(row) -> None:
    for cell in row.cells:
        for paragraph in cell.paragraphs:
            paragraph.paragraph_format.keep_with_next = True


def keep_rows_together(table, *, whole: bool) -> None:
    """No row split across pages. `whole`: every row kept with the next, so that Word moves
    a table that fits on a page to the next one rather than split it (a longer one splits
    anyway); otherwise only no lone row: the first two and the last two rows kept together."""
    rows = table.rows
    for row in rows:
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    body = [row for row in rows if row._tr.trPr.find(qn("w:tblHeader")) is None]
    kept = rows[:-1] if whole else [*rows[: len(rows) - len(body) + 1], *body[-2:-1]]
    for row in kept:
        _keep_with_next(row)


def small(table, *, first_width, width=None, widths=None) -> None:
    """9pt text and a wider first column (or the `widths` of every column), so every threat
    fits across the page. A cell merged across columns is as wide as they are together."""
    table.autofit = False
    widths = widths or [first_width] + [width] * (len(table.columns) - 1)
    for column, column_width in zip(table.columns, widths, strict=True):
        column.width = column_width
    for row in table.rows:
        start = 0
        for tc in row._tr.tc_lst:
            span = tc.grid_span
            tc.width = sum(widths[start : start + span])
            start += span
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(9)
