"""A board report as a Word document, built with python-docx from the same paper model as the
PDF (reports/paper/structure.py `build_paper`), so that the secretariat's agenda pack says
exactly what the PDF says: the front and the numbered sections on portrait pages here, the
annexes on landscape pages (reports/paper/docx_annex.py).

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

from reports.paper.docx_annex import annex_a, annex_b
from reports.paper.docx_cells import borders
from reports.paper.drafting import force_name
from reports.paper.structure import build_paper

FONT = "Arial"
LANGUAGE = "en-GB"
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
NUMBER_INDENT = Mm(11)  # the PDF's hanging indent of a numbered paragraph


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


def a4_document(marking: str, *, draft: bool, dated: str = ""):
    """A new Word document as each of the portal's papers starts: A4 portrait, 20 mm margins,
    British English in the papers' font; `marking` centred at the head and foot of every page
    (with DRAFT at the head of a draft), and at the foot "Page n of N" then `dated`."""
    document = Document()
    _set_language_and_font(document)
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(20))
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    header.add_run(marking).bold = True
    if draft:
        header.add_run("\tDRAFT").bold = True
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run(marking).bold = True
    pages = section.footer.add_paragraph()
    pages.alignment = WD_ALIGN_PARAGRAPH.CENTER
    pages.add_run("Page ")
    _field(pages, "PAGE", "1")
    pages.add_run(" of ")
    _field(pages, "NUMPAGES", "1")
    if dated:
        pages.add_run(dated)
    return document


def footer_date(published_at) -> str:
    """What follows the page numbers at the foot of a paper's pages: the day it was published,
    or that it is a draft (`published_at` None)."""
    if published_at is None:
        return " · Draft"
    return f" · Published {timezone.localtime(published_at):%-d %B %Y}"


def _front(document, report, paper, draft: bool, rendered_at) -> None:
    box = document.add_table(rows=1, cols=1)
    box.alignment = WD_TABLE_ALIGNMENT.RIGHT
    box.autofit = False
    box.columns[0].width = Mm(45)
    cell = box.rows[0].cells[0]
    cell.width = Mm(45)
    borders(cell)
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
                # "1.1" hangs in an 11 mm indent and every line of the text starts after it.
                layout = paragraph.paragraph_format
                layout.left_indent, layout.first_line_indent = NUMBER_INDENT, -NUMBER_INDENT
                layout.tab_stops.add_tab_stop(NUMBER_INDENT)
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
                if part.recommendations:
                    document.add_heading("Open inspection recommendations", level=3)
                    for item in part.recommendations:
                        due = f"; {item['due']}" if item["due"] else ""
                        paragraph = document.add_paragraph(style="List Bullet")
                        paragraph.add_run(item["title"]).bold = True
                        paragraph.add_run(f" ({item['source']}{due}): {item['text']}")
            _blocks(document, section.closing)
        else:
            _blocks(document, section.blocks)


def render_report_docx(report, *, draft: bool | None = None) -> RenderedDocx:
    """The report as .docx bytes; a draft is marked DRAFT in the header and on its front."""
    draft = report.is_draft if draft is None else draft
    rendered_at = report.published_at if (report.published_at and not draft) else timezone.now()
    paper = build_paper(report)
    # The footer dates the paper itself: its publication (a draft says so); the meeting's
    # date is on the first page.
    document = a4_document(
        report.marking, draft=draft, dated=footer_date(None if draft else report.published_at)
    )
    _front(document, report, paper, draft, rendered_at)
    _body(document, paper)
    annex_a(document, paper)
    if paper["trend"]:
        annex_b(document, paper)
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
