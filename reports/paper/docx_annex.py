"""The annexes of the Word file, as the PDF lays them out: on landscape pages of their own
(a section of the document), Figure A1 as a table of shaded cells (the heatmap, which Word can
edit and a screen reader reads cell by cell), Tables A1 and A2, and Annex B's chart as a
picture with its text alternative, then Table B1."""

import io

from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from reports.paper.annex import ABBREVIATIONS, COLOURS
from reports.paper.chart_png import svg_png, svg_text_alternative
from reports.paper.docx_cells import ink, keep_rows_together, repeat_header, shade, small

# A4 landscape, with the PDF's annex margins: 261 mm across.
WIDTH = Mm(297 - 2 * 18)
GRADE_KEY = ", ".join(f"{short} {grade.label}" for grade, short in ABBREVIATIONS.items())


def landscape(document) -> None:
    """A new section on a new page, turned landscape; its header and footer (the marking,
    the page numbers) are the portrait pages' own."""
    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin = section.right_margin = Mm(18)
    section.top_margin = section.bottom_margin = Mm(20)


def _caption(document, text: str, *, before_table: bool):
    caption = document.add_paragraph(text, style="Caption")
    caption.paragraph_format.keep_with_next = before_table
    caption.paragraph_format.space_before = Pt(12 if before_table else 4)
    return caption


def _heatmap(document, annex) -> None:
    """Figure A1: a row per threat, a column per graded item under its C, each cell shaded in
    its grade's colour and saying the grade's abbreviation and movement mark."""
    items, rows, base = annex["items"], annex["rows"], annex["base_quarter"]
    table = document.add_table(rows=2, cols=1 + len(items), style="Table Grid")
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    head, levels = table.rows
    repeat_header(head)
    repeat_header(levels)
    head.cells[0].merge(levels.cells[0]).text = "National threat"
    column = 1
    while column <= len(items):
        name = items[column - 1]["c"]
        span = 1
        while column + span <= len(items) and items[column + span - 1]["c"] == name:
            span += 1
        if span > 1:
            head.cells[column].merge(head.cells[column + span - 1]).text = name
            for offset in range(span):
                levels.cells[column + offset].text = items[column + offset - 1]["level"]
        else:
            head.cells[column].merge(levels.cells[column]).text = name
        column += span
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                for run in paragraph.runs:
                    run.bold = True
    for row in rows:
        cells = table.add_row().cells
        cells[0].text = row["threat"]
        cells[0].paragraphs[0].runs[0].bold = True
        for cell, grade in zip(cells[1:], row["cells"], strict=True):
            fill, colour = COLOURS[grade["grade"]]
            shade(cell, fill)
            mark = f" {grade['arrow']}" if base and grade["arrow"] else ""
            paragraph = cell.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = paragraph.add_run(f"{grade['abbreviation']}{mark}")
            run.bold = True
            ink(run, colour)
    small(table, first_width=Mm(46), width=Mm(215 / max(len(items), 1)))
    keep_rows_together(table, whole=True)
    for paragraph in table.rows[-1].cells[0].paragraphs:
        paragraph.paragraph_format.keep_with_next = True  # with its caption, below it
    movement = (
        f"▲ up, ▼ down, = the same since {base}, the quarter of the last report; no mark: no "
        "earlier grade."
        if base
        else "No movement is shown: there is no earlier report to compare with."
    )
    _caption(
        document,
        f"Figure A1: Heatmap of the grades at {annex['quarter']} ({GRADE_KEY}; – not signed "
        f"off). {movement}",
        before_table=False,
    )


def annex_a(document, paper) -> None:
    annex = paper["annex"]
    landscape(document)
    document.add_heading(paper["annex_heading"], level=1)
    base = annex["base_quarter"]
    movement = (
        f" The movement since {base}, the quarter reported to the board last time, is given "
        "in words under each grade."
        if base
        else " There is no earlier report, so no movement is shown."
    )
    document.add_paragraph(
        "The grade of each of the nine items of the 5 Cs in each national threat's signed-off "
        f"self-assessment for {annex['quarter']}, on the five PEEL grades.{movement}"
    )
    if annex.get("base_imported"):
        document.add_paragraph(f"{annex['base_imported']}.")
    _heatmap(document, annex)
    caption = f"Table A1: Grades at {annex['quarter']}"
    if base:
        caption += f" and movement since {base}"
    _caption(document, caption, before_table=True)
    rows = annex["rows"]
    table = document.add_table(rows=1, cols=1 + len(rows), style="Table Grid")
    head = table.rows[0]
    repeat_header(head)
    head.cells[0].text = "Graded item"
    for index, row in enumerate(rows, start=1):
        head.cells[index].text = row["threat"]
    for cell in head.cells:
        cell.paragraphs[0].runs[0].bold = True
    for line in paper["annex_table"]:
        cells = table.add_row().cells
        cells[0].text = line["item"]
        cells[0].paragraphs[0].runs[0].bold = True
        for cell, grade in zip(cells[1:], line["cells"], strict=True):
            cell.text = grade["label"]
            fill, colour = COLOURS[grade["grade"]]
            shade(cell, fill)
            ink(cell.paragraphs[0].runs[0], colour)
            if grade["grade"] and base:
                ink(cell.add_paragraph(grade["movement_text"]).runs[0], colour)
    small(table, first_width=Mm(40), width=Mm(221 / max(len(rows), 1)))
    keep_rows_together(table, whole=False)  # nine rows of two lines: it may follow Figure A1
    _caption(document, "Table A2: Sign-off of each self-assessment", before_table=True)
    headings = ["National threat", "Signed off", "Fingerprint of what was signed (SHA-256)"]
    with_contributors = paper["annex_contributors"]
    if with_contributors:
        headings.append("Contributing departments")
    signoff = document.add_table(rows=1, cols=len(headings), style="Table Grid")
    repeat_header(signoff.rows[0])
    for cell, text in zip(signoff.rows[0].cells, headings, strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for row in rows:
        cells = signoff.add_row().cells
        cells[0].text = row["threat"]
        cells[1].text = row["signed_off_on"] if row["signed_off"] else "Not signed off"
        cells[2].text = row["fingerprint"][:16] or "–"
        if with_contributors:
            cells[3].text = ", ".join(row.get("contributors", [])) or "None"
    # The dates on one line; the fingerprint's sixteen digits too.
    threat, date, fingerprint = Mm(62), Mm(36), Mm(40)
    widths = [threat, date, fingerprint]
    if with_contributors:
        widths.append(WIDTH - threat - date - fingerprint)
    else:
        widths[-1] = WIDTH - threat - date
    small(signoff, first_width=threat, widths=widths)
    keep_rows_together(signoff, whole=True)


def annex_b(document, paper) -> None:
    """Annex B, when the report includes it: the chart as a picture, Table B1 of average
    grades by quarter; on a new page of the landscape section."""
    trend = paper["trend"]
    heading = document.add_heading(paper["trend_heading"], level=1)
    heading.paragraph_format.page_break_before = True
    document.add_paragraph(
        "The average of the signed-off grades (1 Inadequate to 5 Outstanding) of the force "
        f"and of each national threat, quarter by quarter up to {paper['annex']['quarter']}."
    )
    png, (width, _height) = svg_png(paper["trend_svg"])
    picture = document.add_paragraph()
    picture.paragraph_format.keep_with_next = True
    # The chart at its size in the PDF (a unit is 0.75pt), narrowed to the page if need be.
    shape = picture.add_run().add_picture(io.BytesIO(png), width=min(Pt(width * 0.75), WIDTH))
    shape._inline.docPr.set("descr", svg_text_alternative(paper["trend_svg"]))
    _caption(document, "Figure B1: The force's average grade by quarter.", before_table=False)
    for note in paper["trend_gaps"]:
        document.add_paragraph(f"{note}: Table B1 has no row for the quarters in between.")
    for note in paper.get("trend_imported", []):
        document.add_paragraph(f"{note}.")
    _caption(document, "Table B1: Average grade by quarter", before_table=True)
    table = document.add_table(rows=1, cols=2 + len(trend["threats"]), style="Table Grid")
    repeat_header(table.rows[0])
    for cell, text in zip(
        table.rows[0].cells, ["Quarter", "Force", *trend["threats"]], strict=True
    ):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for row in trend["rows"]:
        values = [row["average"], *row["threats"]]
        texts = [row["quarter"], *("–" if v is None else f"{v:.1f}" for v in values)]
        for cell, text in zip(table.add_row().cells, texts, strict=True):
            cell.text = text
    small(table, first_width=Mm(26), width=Mm(235 / (1 + len(trend["threats"]))))
    keep_rows_together(table, whole=True)
