"""The annual SPR assurance statement as a document: one structure (`build_statement`) for the
web page, the PDF (WeasyPrint, through the board paper's fetcher that reaches only its own
stylesheet) and the Word file (python-docx). The protective marking is in every page's margin
of both; the typed text is parsed by the paper's markup (paragraphs and "- " bullets), never
read as HTML or XML."""

import datetime
import hashlib
import io

from django.template.loader import render_to_string
from django.utils import timezone
from docx.shared import Mm, Pt

from reports.paper.docx import LANGUAGE, a4_document, footer_date
from reports.paper.markup import parse
from reports.paper.pdf import RenderedPdf, tagged_pdf, w3c_date

PARTS = (
    ("introduction", "Introduction"),
    ("grades_commentary", "Grades through the year"),
    ("risks", "Main risks"),
    ("actions", "Open improvement actions"),
    ("contribution", "The force's contribution"),
    ("conclusions", "Conclusions of the policing body"),
)


def _grade(value) -> str:
    return "–" if value is None else f"{value:.2f}"


def build_statement(statement) -> dict:
    """The statement's parts in order (heading and blocks), with the grades table after the
    part that introduces it."""
    grades = statement.grades or {"quarters": [], "rows": []}
    table = {
        "quarters": grades.get("quarters", []),
        "rows": [
            {
                "name": row["name"],
                "earlier": ", ".join(row.get("earlier_names", [])),
                "averages": [_grade(v) for v in row["averages"]],
                "movement": row["movement"],
            }
            for row in grades.get("rows", [])
        ],
    }
    parts = []
    for number, (field_name, heading) in enumerate(PARTS, start=1):
        if field_name == "conclusions":
            heading = f"Conclusions of {statement.body_name}"
        parts.append(
            {
                "number": number,
                "heading": heading,
                "blocks": parse(getattr(statement, field_name)),
                "table": table if field_name == "grades_commentary" else None,
            }
        )
    return {"parts": parts, "table": table}


def _moment(statement, draft: bool) -> datetime.datetime:
    return statement.published_at if (statement.published_at and not draft) else timezone.now()


def render_statement_pdf(statement, *, draft: bool | None = None) -> RenderedPdf:
    draft = statement.is_draft if draft is None else draft
    moment = _moment(statement, draft)
    html = render_to_string(
        "reports/pdf/statement.html",
        {
            "statement": statement,
            "document": build_statement(statement),
            "draft": draft,
            "created": w3c_date(moment),
            "rendered_at": timezone.localtime(moment),
        },
    )
    return tagged_pdf(html, f"spr-assurance-statement-{statement.financial_year}")


class RenderedStatementDocx:
    def __init__(self, content: bytes):
        self.content = content
        self.sha256 = hashlib.sha256(content).hexdigest()


def render_statement_docx(statement, *, draft: bool | None = None) -> RenderedStatementDocx:
    draft = statement.is_draft if draft is None else draft
    moment = _moment(statement, draft)
    built = build_statement(statement)
    document = a4_document(
        statement.marking, draft=draft, dated=footer_date(None if draft else moment)
    )
    document.add_paragraph(statement.body_name[:1].upper() + statement.body_name[1:])
    document.add_heading(f"{statement.title} {statement.year_label}", level=0)
    document.add_paragraph(
        f"On the response of {statement.force_name} to the Strategic Policing Requirement, "
        f"financial year {statement.year_label} (April to March)."
    )
    for part in built["parts"]:
        document.add_heading(f"{part['number']}. {part['heading']}", level=1)
        for block in part["blocks"]:
            if block.is_list:
                for item in block.items:
                    document.add_paragraph(item, style="List Bullet")
            else:
                document.add_paragraph(block.text)
        table = part["table"]
        if table and table["rows"]:
            caption = document.add_paragraph(
                "Table 1: average grade of each threat in each quarter, and its movement"
            )
            caption.runs[0].bold = True
            grid = document.add_table(rows=1, cols=len(table["quarters"]) + 2)
            grid.style = "Table Grid"
            cells = grid.rows[0].cells
            cells[0].text = "Threat"
            for index, label in enumerate(table["quarters"], start=1):
                cells[index].text = label
            cells[-1].text = "Movement"
            for row in table["rows"]:
                cells = grid.add_row().cells
                cells[0].text = row["name"] + (
                    f" (earlier: {row['earlier']})" if row["earlier"] else ""
                )
                for index, value in enumerate(row["averages"], start=1):
                    cells[index].text = value
                cells[-1].text = row["movement"]
            # The threat's name wide, the grades narrow: 170 mm between the margins.
            grid.autofit = False
            widths = [Mm(50), *[Mm(88 / len(table["quarters"]))] * len(table["quarters"]), Mm(32)]
            for column, width in zip(grid.columns, widths, strict=True):
                column.width = width  # the grid LibreOffice lays out by
            for index, row in enumerate(grid.rows):
                for cell, width in zip(row.cells, widths, strict=True):
                    cell.width = width
                    for paragraph in cell.paragraphs:
                        for run in paragraph.runs:
                            run.font.size = Pt(9)
                            run.bold = index == 0
    properties = document.core_properties
    properties.title = f"{statement.title} {statement.year_label}" + (" (draft)" if draft else "")
    properties.author = statement.force_name
    properties.last_modified_by = statement.force_name
    properties.language = LANGUAGE
    properties.keywords = statement.marking
    properties.category = statement.marking
    stamp = moment.astimezone(datetime.UTC).replace(tzinfo=None, microsecond=0)
    properties.created = stamp
    properties.modified = stamp
    properties.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    return RenderedStatementDocx(buffer.getvalue())
