"""A trend over years with quarters missing breaks its line and says which quarters have no
assessments, on the web (the force's and a threat's trend) and in Annex B of the paper (PDF
and Word), instead of drawing ten years as one step."""

import datetime
import io
import re
from types import SimpleNamespace

import pytest
from django.urls import reverse
from docx import Document

from assessments.models import Quarter
from assessments.trend_chart import gap_notes, trend_svg
from reports.models import BoardReport
from reports.paper.docx import render_report_docx
from reports.paper.pdf import render_report_pdf
from reports.paper.structure import build_paper
from tests.factories import QuarterFactory
from tests.reports.support import new_report, pdf_pages_text, sign_off

NOTE = "No assessments between 2015/16 Q4 and 2025/26 Q3"


def _points(*pairs):
    return [SimpleNamespace(quarter=label, value=value) for label, value in pairs]


def test_consecutive_quarters_have_no_gap_even_across_a_year():
    labels = ["2015/16 Q3", "2015/16 Q4", "2016/17 Q1", "2016/17 Q2"]
    assert gap_notes(labels) == []
    assert gap_notes(["2015/16 Q3", "2016/17 Q1", "2016/17 Q2", "2025/26 Q3"]) == [
        "No assessments between 2015/16 Q3 and 2016/17 Q1",
        "No assessments between 2016/17 Q2 and 2025/26 Q3",
    ]


def test_the_chart_breaks_its_line_at_a_gap_and_says_so():
    svg = trend_svg(
        _points(("2015/16 Q3", 3.0), ("2015/16 Q4", 3.5), ("2025/26 Q3", 2.0), ("2025/26 Q4", 2.5)),
        title="Trend",
        description="A line.",
        chart_id="t",
    )
    assert svg.count("<polyline") == 2  # one run before the gap, one after
    assert f">{NOTE}</text>" in svg
    assert f'<desc id="t-desc">A line. {NOTE}: the line breaks there.</desc>' in svg
    unbroken = trend_svg(
        _points(("2015/16 Q3", 3.0), ("2015/16 Q4", 3.5)),
        title="Trend",
        description="A line.",
        chart_id="t",
    )
    assert unbroken.count("<polyline") == 1 and "No assessments" not in unbroken


def test_on_screen_the_chart_draws_its_latest_twelve_quarters_within_the_page_column():
    """Ten years of quarters made a chart 3,800px wide; on a page it shows the latest twelve
    (the table gives all), two-line labels, and fits a desktop's 960px column. The paper's
    chart keeps its own layout and every quarter."""
    labels = [
        f"{year}/{(year + 1) % 100:02d} Q{n}" for year in range(2016, 2026) for n in (1, 2, 3, 4)
    ]
    points = _points(*((label, 3.0) for label in labels))
    screen = trend_svg(points, title="Trend", description="A line.", chart_id="t", screen=True)
    width = int(re.search(r'width="(\d+)"', screen).group(1))
    assert width <= 960
    assert screen.count("<circle") == 12
    assert '<tspan x="' in screen and ">2025/26</tspan>" in screen and ">Q4</tspan>" in screen
    assert ">2022/23</tspan>" not in screen  # before the latest twelve
    assert "The chart shows the latest 12 quarters, from 2023/24 Q1" in screen
    paper = trend_svg(points, title="Trend", description="A line.", chart_id="t")
    assert paper.count("<circle") == 40 and "<tspan" not in paper


@pytest.fixture
def ten_years_apart(quarter, threat, business_lead, spr_lead):
    """The threat signed off in 2015/16 Q4, then not again until 2025/26 Q3."""
    sign_off(threat=threat, quarter=quarter, lead=business_lead, reviewer=spr_lead, grade=3)
    later = QuarterFactory(
        financial_year=2025,
        number=3,
        edition=quarter.edition,
        submission_deadline=datetime.date(2025, 12, 12),
        meeting_date=datetime.date(2026, 1, 15),
    )
    sign_off(threat=threat, quarter=later, lead=business_lead, reviewer=spr_lead, grade=4)
    Quarter.objects.filter(pk=quarter.pk).update(is_open=False)
    return later


@pytest.mark.django_db
def test_the_web_trends_say_so(client, spr_lead, threat, ten_years_apart):
    client.force_login(spr_lead)
    for url in (
        reverse("assessments:force_trends"),
        reverse("assessments:threat_trends", args=[threat.slug]),
    ):
        html = client.get(url).content.decode()
        assert f">{NOTE}</text>" in html, url
        assert html.count("<polyline") == 0  # one point each side: no line across the gap


@pytest.mark.django_db
def test_annex_b_says_so_in_the_pdf_and_the_word_file(spr_lead, ten_years_apart):
    report = new_report(ten_years_apart, spr_lead)
    BoardReport.objects.filter(pk=report.pk).update(include_trend_annex=True)
    report.refresh_from_db()
    paper = build_paper(report)
    assert paper["trend_gaps"] == [NOTE]
    assert NOTE in paper["trend_svg"]
    pdf = " ".join(" ".join(pdf_pages_text(render_report_pdf(report).content)).split())
    assert f"{NOTE}: the line breaks there." in pdf
    document = Document(io.BytesIO(render_report_docx(report).content))
    words = "\n".join(p.text for p in document.paragraphs)
    assert f"{NOTE}: Table B1 has no row for the quarters in between." in words
