"""A board report as a Word document, built with python-docx from the same paper model as the
PDF (reports/paper/structure.py `build_paper`), so that the secretariat's agenda pack says
exactly what the PDF says.

Every string from the database goes into a run's text, never into XML, so no typed markup
reaches the file. Page numbers are Word fields (PAGE, NUMPAGES) that Word and LibreOffice
fill in when they lay the document out.
"""

import datetime
import hashlib
import io
from dataclasses import dataclass

from django.utils import timezone
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from reports.paper.annex import COLOURS
from reports.paper.drafting import force_name
from reports.paper.structure import build_paper

FONT = "Arial"
LANGUAGE = "en-GB"
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True)
class RenderedDocx:
    content: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def docx_filename(report, *, draft: bool = False) -> str:
    name = report.pdf_filename.removesuffix(".pdf")
    return f"{name}-draft.docx" if draft else f"{name}.docx"


def _set_language_and_font(document) -> None:
    """Arial 11pt and British English as the document's defaults, so the spelling checker
    and screen readers use en-GB for every run."""
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(11)
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attribute), LANGUAGE)
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3", "Caption"):
        style = document.styles[name]
        style.font.name = FONT
        style.font.color.rgb = RGBColor(0x0B, 0x0C, 0x0C)


def _field(paragraph, instruction: str, placeholder: str) -> None:
    """A Word field (PAGE, NUMPAGES): begin, instruction, separate, cached text, end."""

    def char(kind):
        run = paragraph.add_run()
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        run._r.append(element)

    char("begin")
    run = paragraph.add_run()
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    run._r.append(text)
    char("separate")
    paragraph.add_run(placeholder)
    char("end")


def _header_and_footer(section, report, draft: bool) -> None:
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    header.add_run(report.marking).bold = True
    if draft:
        header.add_run("\tDRAFT").bold = True
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run(report.marking).bold = True
    pages = section.footer.add_paragraph()
    pages.alignment = WD_ALIGN_PARAGRAPH.CENTER
    pages.add_run("Page ")
    _field(pages, "PAGE", "1")
    pages.add_run(" of ")
    _field(pages, "NUMPAGES", "1")
    # The footer dates the paper itself: its publication (a draft says so); the meeting's
    # date is on the first page.
    if draft or not report.published_at:
        pages.add_run(" · Draft")
    else:
        pages.add_run(f" · Published {timezone.localtime(report.published_at):%-d %B %Y}")


def _borders(cell, size: int = 12) -> None:
    properties = cell._tc.get_or_add_tcPr()
    borders = OxmlElement("w:tcBorders")
    for edge in ("top", "left", "bottom", "right"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "single")
        element.set(qn("w:sz"), str(size))
        element.set(qn("w:color"), "0B0C0C")
        borders.append(element)
    properties.append(borders)


def _shade(cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill.lstrip("#").upper())
    cell._tc.get_or_add_tcPr().append(shading)


def _repeat_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    properties.append(element)


def _small(table, *, first_width, width) -> None:
    """9pt text and a wider first column, so seven threats fit across a portrait page."""
    table.autofit = False
    for row in table.rows:
        for index, cell in enumerate(row.cells):
            cell.width = first_width if index == 0 else width
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(9)


def _front(document, report, paper, draft: bool, rendered_at) -> None:
    box = document.add_table(rows=1, cols=1)
    box.alignment = WD_TABLE_ALIGNMENT.RIGHT
    box.autofit = False
    box.columns[0].width = Mm(45)
    cell = box.rows[0].cells[0]
    cell.width = Mm(45)
    _borders(cell)
    agenda = cell.paragraphs[0]
    agenda.alignment = WD_ALIGN_PARAGRAPH.CENTER
    agenda.add_run("AGENDA ITEM ").bold = True
    number = agenda.add_run(report.agenda_item)
    number.bold = True
    number.font.size = Pt(16)
    board = document.add_paragraph()
    board.add_run(report.board_name).bold = True
    board.runs[0].font.size = Pt(16)
    date = document.add_paragraph()
    date.add_run(f"{report.meeting_date:%-d %B %Y}").bold = True
    date.runs[0].font.size = Pt(14)
    if draft:
        moment = timezone.localtime(rendered_at)
        warning = document.add_paragraph()
        warning.add_run(
            f"DRAFT, not for circulation: rendered {moment:%-d %B %Y, %H:%M} for review. "
            "Only the published version goes to the board."
        ).bold = True
    document.add_heading(report.title, level=0)
    version = f", version {report.version}" if report.version > 1 else ""
    force = report.force_name or force_name()
    document.add_paragraph(
        f"Report of {force} on its self-assessments for {report.quarter.label}{version}."
    )
    for label, value in report.author_block:
        line = document.add_paragraph()
        line.add_run(f"{label}: ").bold = True
        line.add_run(value)
    if report.version > 1:
        document.add_paragraph().add_run("Correction").bold = True
        if report.supersedes_id and report.supersedes.published_at:
            replaced = timezone.localtime(report.supersedes.published_at)
            document.add_paragraph(
                f"This version replaces the one published on {replaced:%-d %B %Y}."
            )
        _blocks(document, paper["correction"])


def _blocks(document, blocks) -> None:
    for block in blocks:
        if block.is_list:
            for item in block.items:
                document.add_paragraph(item, style="List Bullet")
        else:
            paragraph = document.add_paragraph()
            if block.number:
                paragraph.add_run(f"{block.number}\t").bold = True
            paragraph.add_run(block.text)


def _body(document, paper) -> None:
    for section in paper["sections"]:
        document.add_heading(section.numbered_heading, level=1)
        if section.code == "summary":
            for part in section.parts:
                document.add_heading(part.heading, level=2)
                if not part.is_signed_off:
                    document.add_paragraph().add_run(
                        f"Not signed off: the self-assessment of {part.heading} for this quarter "
                        f"is {part.status_label.lower()}; the report cannot be published until "
                        "it is signed off."
                    ).bold = True
                _blocks(document, part.blocks)
            _blocks(document, section.closing)
        else:
            _blocks(document, section.blocks)


def _annex(document, paper) -> None:
    annex = paper["annex"]
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
    caption = f"Table A1: Grades at {annex['quarter']}"
    if base:
        caption += f" and movement since {base}"
    document.add_paragraph(caption, style="Caption").paragraph_format.keep_with_next = True
    rows = annex["rows"]
    table = document.add_table(rows=1, cols=1 + len(rows), style="Table Grid")
    head = table.rows[0]
    _repeat_header(head)
    head.cells[0].text = "Graded item"
    for index, row in enumerate(rows, start=1):
        head.cells[index].text = row["threat"]
    for cell in head.cells:
        cell.paragraphs[0].runs[0].bold = True
    for line in paper["annex_table"]:
        cells = table.add_row().cells
        cells[0].text = line["item"]
        cells[0].paragraphs[0].runs[0].bold = True
        for index, grade in enumerate(line["cells"], start=1):
            cells[index].text = grade["label"]
            fill, ink = COLOURS[grade["grade"]]
            _shade(cells[index], fill)
            cells[index].paragraphs[0].runs[0].font.color.rgb = RGBColor.from_string(
                ink.lstrip("#").upper()
            )
            if grade["grade"] and base:
                cells[index].add_paragraph(grade["movement_text"]).runs[
                    0
                ].font.color.rgb = RGBColor.from_string(ink.lstrip("#").upper())
    _small(table, first_width=Mm(30), width=Mm(140 / max(len(rows), 1)))
    caption = document.add_paragraph("Table A2: Sign-off of each self-assessment", style="Caption")
    caption.paragraph_format.keep_with_next = True
    headings = ["National threat", "Signed off", "Fingerprint of what was signed (SHA-256)"]
    with_contributors = paper["annex_contributors"]
    if with_contributors:
        headings.append("Contributing departments")
    signoff = document.add_table(rows=1, cols=len(headings), style="Table Grid")
    _repeat_header(signoff.rows[0])
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


def _trend(document, paper) -> None:
    """Annex B, when the report includes it: Table B1 of average grades by quarter."""
    trend = paper["trend"]
    document.add_heading(paper["trend_heading"], level=1)
    document.add_paragraph(
        "The average of the signed-off grades (1 Inadequate to 5 Outstanding) of the force "
        f"and of each national threat, quarter by quarter up to {paper['annex']['quarter']}."
    )
    for note in paper["trend_gaps"]:
        document.add_paragraph(f"{note}: Table B1 has no row for the quarters in between.")
    caption = document.add_paragraph("Table B1: Average grade by quarter", style="Caption")
    caption.paragraph_format.keep_with_next = True
    table = document.add_table(rows=1, cols=2 + len(trend["threats"]), style="Table Grid")
    _repeat_header(table.rows[0])
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
    _small(table, first_width=Mm(22), width=Mm(148 / (1 + len(trend["threats"]))))


def render_report_docx(report, *, draft: bool | None = None) -> RenderedDocx:
    """The report as .docx bytes; a draft is marked DRAFT in the header and on its front."""
    draft = report.is_draft if draft is None else draft
    rendered_at = report.published_at if (report.published_at and not draft) else timezone.now()
    paper = build_paper(report)
    document = Document()
    _set_language_and_font(document)
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(20))
    _header_and_footer(section, report, draft)
    _front(document, report, paper, draft, rendered_at)
    _body(document, paper)
    _annex(document, paper)
    if paper["trend"]:
        _trend(document, paper)
    properties = document.core_properties
    properties.title = f"{report.title}: report to the {report.board_name}, " + (
        f"{report.meeting_date:%-d %B %Y}" + (" (draft)" if draft else "")
    )
    properties.author = report.force_name or force_name()
    properties.last_modified_by = properties.author
    properties.language = LANGUAGE
    properties.subject = f"Self-assessments for {report.quarter.label}"
    properties.keywords = report.marking
    properties.category = report.marking
    moment = rendered_at.astimezone(datetime.UTC).replace(tzinfo=None, microsecond=0)
    properties.created = moment
    properties.modified = moment
    properties.revision = report.version
    buffer = io.BytesIO()
    document.save(buffer)
    return RenderedDocx(buffer.getvalue())
