"""The paper's pages as a board member reads them, on the demo's real papers (long summaries,
five to seven threats, a previous report, Annex B over a history with a gap): numbered
paragraphs start on their hanging indent, every caption is on the page of its table, no table
leaves a lone row on a page, the sign-off table is whole with each date on one line, and a
table that fits on a page is not split."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model

from assessments.demo import opened_alone
from assessments.models import Assessment, Quarter
from assessments.services.contributors import assessment_contributors_set
from reports.models import BoardReport
from reports.paper.pdf import render_report_pdf
from reports.paper.structure import build_paper
from reports.services import report_create
from reports.services.trend_annex import report_trend_annex_set
from tests.factories import DepartmentFactory
from tests.reports.pdf_layout import MM, page_with, pages_of

# The first word of each of Table A1's nine row labels ("Capacity – local", …).
ROW_WORDS = {"Capacity", "Contribution", "Capability", "Consistency", "Connectivity"}
DATE = re.compile(
    r"\b\d{1,2} (January|February|March|April|May|June|July|August|September|October|"
    r"November|December) \d{4}\b"
)


@pytest.fixture(scope="module")
def papers(demo_seeded_once, django_db_blocker):
    """Each paper's PDF as rendered now, with how many threats it reports: the demo's two
    published papers rendered again, and a new draft for the newest signed-off quarter with
    Annex B and contributing departments in Table A2 (the state the crawl of issue 25 found:
    dates wrapped, the table's last rows on the next page, Table B1 cut after four rows)."""
    rendered = {}
    with django_db_blocker.unblock():
        december, february = BoardReport.objects.order_by("meeting_date")
        lead = get_user_model().objects.get(username="acc.security")
        newest = Quarter.objects.filter(is_open=False).newest_first().first()
        _contributors(newest, lead)
        draft = report_create(
            actor=lead,
            quarter=newest,
            meeting_date=newest.meeting_date + datetime.timedelta(days=7),
            agenda_item="5",
            previous_report=february,
        )
        draft = report_trend_annex_set(
            report=draft, include=True, actor=lead, revision=draft.revision
        )
        for name, report in (("december", december), ("february", february)):
            rendered[name] = (
                pages_of(render_report_pdf(report, draft=False).content),
                report.threat_sections.count(),
            )
        rendered["newest"] = (
            pages_of(render_report_pdf(draft).content),
            draft.threat_sections.count(),
        )
        rendered["trend_quarters"] = len(build_paper(draft)["trend"]["rows"])
    return rendered


pytestmark = pytest.mark.django_db

PAPERS = ["december", "february", "newest"]


def _contributors(quarter, lead) -> None:
    """One to four cross-cutting departments, long names, brought into each threat."""
    names = [
        "Economic Crime Unit",
        "Firearms Operations Unit",
        "Force Contact and Control Centre",
        "Regional Cyber Crime Unit",
    ]
    departments = [DepartmentFactory(name=name, cross_cutting=True) for name in names]
    with opened_alone(quarter):
        for index, assessment in enumerate(Assessment.objects.filter(quarter=quarter)):
            assessment_contributors_set(
                assessment=assessment,
                actor=lead,
                departments=departments[: 1 + index % 4],
                revision=assessment.revision,
            )


@pytest.mark.parametrize("name", PAPERS)
def test_each_numbered_paragraph_starts_its_first_line_on_the_hanging_indent(papers, name):
    """ "1.1" in the margin, then the text exactly where its next lines start (11 mm in): not
    one space further right."""
    pages, _ = papers[name]
    starts = []
    for page in pages:
        if page.width > page.height:
            continue  # the annexes have no numbered paragraphs
        margin = min(word.x for word in page.words)
        lines = {}
        for word in page.words:
            lines.setdefault(round(word.y, 1), []).append(word)
        for line in lines.values():
            line.sort(key=lambda word: word.x)
            if re.fullmatch(r"\d+\.\d+", line[0].text) and abs(line[0].x - margin) < 0.5:
                if len(line) > 1:
                    starts.append((line[0].text, round(line[1].x - margin, 2)))
    assert len(starts) >= 15, starts
    assert {offset for _, offset in starts} == {round(11 * MM, 2)}, starts


@pytest.mark.parametrize("name", PAPERS)
@pytest.mark.parametrize(
    ("caption", "header"),
    [("Table A1:", "Graded item"), ("Table A2:", "National threat"), ("Figure A1:", "Terrorism")],
)
def test_a_caption_is_on_the_page_of_its_table_or_figure(papers, name, caption, header):
    pages, _ = papers[name]
    page = page_with(pages, caption)
    assert page.has(header), f"{caption} is on page {page.number} without its table"


def test_table_b1_and_its_chart_each_keep_their_caption(papers):
    pages, _ = papers["newest"]
    assert page_with(pages, "Table B1:").has("Quarter Force")
    assert page_with(pages, "Figure B1:").has("Annex B:")


@pytest.mark.parametrize("name", PAPERS)
def test_table_a1_leaves_no_lone_row_on_a_page(papers, name):
    """Table A1 (nine rows of two lines) follows its figure and may go on to the next page,
    but with at least two rows on each, below the header repeated."""
    pages, _ = papers[name]
    rows_by_page = {}
    for page in pages:
        if page.has("Graded item"):
            words = [word.text for word in page.first_column(left_mm=20)]
            rows_by_page[page.number] = sum(word in ROW_WORDS for word in words)
    assert sum(rows_by_page.values()) == 9, rows_by_page
    assert all(rows >= 2 for rows in rows_by_page.values()), rows_by_page


@pytest.mark.parametrize("name", PAPERS)
def test_the_sign_off_table_is_whole_on_one_page_with_each_date_on_one_line(papers, name):
    pages, threats = papers[name]
    page = page_with(pages, "Table A2:")
    table = page.text.split("Table A2:", 1)[1].split("Page ", 1)[0]
    assert len(DATE.findall(table)) == threats, table
    # Each row's date on one line: its day, month and year at the same height.
    dates = [
        (word, page.words[index + 1], page.words[index + 2])
        for index, word in enumerate(page.words[:-2])
        if DATE.fullmatch(" ".join(w.text for w in page.words[index : index + 3]))
    ]
    assert len(dates) >= threats
    assert all(day.y == month.y == year.y for day, month, year in dates)


def test_table_b1_moves_whole_to_the_next_page_rather_than_split(papers):
    """The demo's quarters fit on a page: the table is not cut after its first rows."""
    pages, _ = papers["newest"]
    page = page_with(pages, "Table B1:")
    quarters = [w for w in page.first_column(left_mm=20) if re.fullmatch(r"\d{4}/\d{2}", w.text)]
    assert len(quarters) == papers["trend_quarters"] >= 8
    assert not any(
        re.fullmatch(r"\d{4}/\d{2}", w.text) for p in pages[page.number :] for w in p.words
    )
