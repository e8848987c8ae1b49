"""The layout of a force's history file: its sheets, their columns, and the template.

A history is a workbook (XLSX) of three sheets, or the same three tables as CSV files, alone
or in a ZIP with the published papers as PDF files:

- Quarters: one row per past quarter (financial year, quarter, submission deadline, meeting
  date);
- Assessments: one row per threat per quarter: the nine graded items in the words the portal
  grades with, and where the force has them the narratives, the summary, who signed it off
  and when;
- Papers (only in a ZIP): one row per published paper: its quarter, meeting date and the name
  of its PDF file in the ZIP.

The page and the downloadable template both read this module, so they never disagree.
"""

import io
import re

from assessments.choices import Grade
from assessments.items import GRADED_ITEMS

QUARTERS = "Quarters"
ASSESSMENTS = "Assessments"
PAPERS = "Papers"

YEAR = "Financial year"
QUARTER = "Quarter"
DEADLINE = "Submission deadline"
MEETING = "Meeting date"
THREAT = "Threat"
SUMMARY = "Summary"
SIGNED_BY = "Signed off by"
SIGNED_ON = "Signed off on"
FILE = "File"
AGENDA = "Agenda item"
TITLE = "Title"


def grade_column(item) -> str:
    return f"{_plain(item.label)} grade"


def narrative_column(item) -> str:
    return f"{_plain(item.label)} narrative"


def _plain(label: str) -> str:
    # A hyphen, not the en dash the pages use: easier to type in a spreadsheet's header.
    return label.replace("–", "-")


QUARTER_COLUMNS = (YEAR, QUARTER, DEADLINE, MEETING)
ASSESSMENT_REQUIRED = (YEAR, QUARTER, THREAT, *(grade_column(item) for item in GRADED_ITEMS))
ASSESSMENT_COLUMNS = (
    YEAR,
    QUARTER,
    THREAT,
    *(column for item in GRADED_ITEMS for column in (grade_column(item), narrative_column(item))),
    SUMMARY,
    SIGNED_BY,
    SIGNED_ON,
)
PAPER_REQUIRED = (YEAR, QUARTER, MEETING, FILE)
PAPER_COLUMNS = (*PAPER_REQUIRED, AGENDA, TITLE)

SHEETS = {QUARTERS: QUARTER_COLUMNS, ASSESSMENTS: ASSESSMENT_COLUMNS, PAPERS: PAPER_COLUMNS}
REQUIRED = {QUARTERS: QUARTER_COLUMNS, ASSESSMENTS: ASSESSMENT_REQUIRED, PAPERS: PAPER_REQUIRED}
GRADE_WORDS = [label for _, label in sorted(Grade.choices, reverse=True)]

# What the page shows of each sheet: (column, what goes in it).
DESCRIPTION = {
    QUARTERS: [
        (YEAR, "The financial year as 2021/22 (or 2021, the year it starts)."),
        (QUARTER, "Q1 to Q4 (Q1 is April to June)."),
        (DEADLINE, "The date self-assessments were due, as 2021-06-11 or 11/06/2021."),
        (MEETING, "The date of the quarterly meeting: on or after the deadline."),
    ],
    ASSESSMENTS: [
        (YEAR, "The quarter, as in the Quarters sheet."),
        (QUARTER, "Q1 to Q4."),
        (THREAT, "The national threat, named as that quarter's SPR edition names it."),
        (
            "One grade column for each of the nine items (for example "
            f"“{grade_column(GRADED_ITEMS[0])}”)",
            "One of: " + ", ".join(GRADE_WORDS) + ".",
        ),
        (
            "One narrative column for each item (for example "
            f"“{narrative_column(GRADED_ITEMS[0])}”)",
            "Optional: the text the force wrote.",
        ),
        (SUMMARY, "Optional: the summary for the board."),
        (SIGNED_BY, "Optional: who signed it off, as a name (they need no account here)."),
        (SIGNED_ON, "Optional: the date it was signed off (else the meeting date)."),
    ],
    PAPERS: [
        (YEAR, "The quarter the paper reported."),
        (QUARTER, "Q1 to Q4."),
        (MEETING, "The date of the board meeting it went to."),
        (FILE, "The PDF's file name in the ZIP, for example 2022-02-03-spr-paper.pdf."),
        (AGENDA, "Optional: its agenda item."),
        (TITLE, "Optional: its title."),
    ],
}


def normalise(header: str) -> str:
    """A header as matched: case, dashes and spacing do not matter."""
    return re.sub(r"\s+", " ", header.replace("–", "-").replace("—", "-")).strip().casefold()


def template_workbook() -> bytes:
    """An empty history workbook with the three sheets and their headers, and one example
    row in each, for the administrator to fill in."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    examples = {
        QUARTERS: ["2021/22", "Q1", "2021-06-11", "2021-06-25"],
        ASSESSMENTS: ["2021/22", "Q1", "Terrorism"],
        PAPERS: ["2021/22", "Q1", "2021-07-08", "2021-07-08-spr-paper.pdf", "7", ""],
    }
    for index, (name, columns) in enumerate(SHEETS.items()):
        sheet = workbook.active if index == 0 else workbook.create_sheet()
        sheet.title = name
        sheet.append(list(columns))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        example = examples[name]
        if name == ASSESSMENTS:
            example += ["Good", ""] * len(GRADED_ITEMS)
            example += ["", "A. N. Other", "2021-06-25"]
        sheet.append(example)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
