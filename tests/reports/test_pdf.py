"""The board report's PDF: laid out like the board paper, PDF/UA-1, fonts embedded, the
renderer reaching nothing but its stylesheet, and the same bytes on every render."""

import math
import re
import ssl

import pytest
from django.utils import timezone

from reports.paper.fetcher import StaticOnlyFetcher
from reports.paper.pdf import laid_out, render_report_pdf
from reports.paper.sections import SECTIONS
from reports.services import report_update
from tests.reports.support import new_report, pdf_pages_text, pdf_reader

pytestmark = pytest.mark.django_db

MARKING = "OFFICIAL-SENSITIVE"


@pytest.fixture
def published(published_once):
    return published_once


def published_on(report) -> str:
    return f"{timezone.localtime(report.published_at):%-d %B %Y}"


def _lines(page: str) -> list[str]:
    return [line.strip() for line in page.splitlines() if line.strip()]


class TestOnePaperPublishedOnce:
    """Tests that read one published paper, published once for them all."""

    def test_text_has_every_heading_in_order_every_threat_agenda_item_and_date(
        self, published, signed_once
    ):
        pages = pdf_pages_text(bytes(published.pdf.content))
        assert len(pages) == published.pdf.pages
        first = re.sub(r"\s+", " ", pages[0])
        assert "AGENDA ITEM 7" in first
        assert "Strategic Policing and Crime Board" in first and "12 April 2016" in first
        assert "Strategic Policing Requirement" in first
        text = "\n".join(pages)
        headings = [f"{n}. {s.heading}" for n, s in enumerate(SECTIONS, start=1)]
        headings.append("Annex A: Self-assessment grades at 2015/16 Q4")
        positions = [text.find(heading) for heading in headings]
        assert -1 not in positions, dict(zip(headings, positions, strict=True))
        assert positions == sorted(positions)
        summary = text[positions[3] : positions[4]]
        for name in (signed_once.threat.name, signed_once.other_threat.name):
            assert name in summary
        assert "• Specialist officers" in summary  # a bullet list of the signed-off summary
        assert "4.1" in summary  # numbered paragraphs

    def test_marking_at_top_and_bottom_of_every_page_with_page_n_of_m(self, published):
        pages = pdf_pages_text(bytes(published.pdf.content))
        total = len(pages)
        for number, page in enumerate(pages, start=1):
            lines = _lines(page)
            assert MARKING in lines[0], f"page {number} has no marking at the top"
            assert MARKING in lines[-1], f"page {number} has no marking at the bottom"
            assert f"Page {number} of {total}" in lines[-1]
            # The footer dates the paper by its publication; the meeting is on the first page.
            assert f"Published {published_on(published)}" in lines[-1]
            assert "DRAFT" not in page

    def test_annex_starts_on_a_landscape_page_of_its_own_with_its_table_after_the_figure(
        self, published
    ):
        """The break before the annex is chosen (a landscape page); the table follows the figure
        on that page instead of leaving it mostly blank."""
        pages = pdf_pages_text(bytes(published.pdf.content))
        annex_page = next(i for i, page in enumerate(pages) if "Annex A:" in page)
        assert "8. Recommendations" not in pages[annex_page]
        assert "Figure A1" in pages[annex_page]
        assert "Table A1" in pages[annex_page]
        boxes = [page.mediabox for page in pdf_reader(bytes(published.pdf.content)).pages]
        assert all(box.width < box.height for box in boxes[:annex_page])  # A4 portrait
        assert all(box.width > box.height for box in boxes[annex_page:])  # A4 landscape

    def test_no_text_of_the_annex_is_smaller_than_9pt(self, published):
        reader = pdf_reader(bytes(published.pdf.content))
        texts = [page.extract_text() for page in reader.pages]
        annex_page = next(i for i, text in enumerate(texts) if "Annex A:" in text)
        annex = [size for page in reader.pages[annex_page:] for size in _text_sizes(page)]
        assert any(text == "Figure A1" or text.startswith("Figure A1") for _, text in annex)
        assert any(text == "RI" for _, text in annex) or any(text == "G" for _, text in annex)
        assert min(annex)[0] >= 9, sorted(annex)[:5]

    def test_pdf_declares_pdf_ua_1_with_title_language_and_structure(self, published):
        reader = pdf_reader(bytes(published.pdf.content))
        root = reader.trailer["/Root"]
        xmp = root["/Metadata"].get_object().get_data().decode()
        assert re.search(r'pdfuaid:part(="1"|>1<)', xmp), xmp
        assert (
            "Strategic Policing Requirement: report to the Strategic Policing and Crime Board"
            in xmp
        )
        assert "/StructTreeRoot" in root
        assert root["/MarkInfo"]["/Marked"] in (True, "true")
        assert root["/Lang"] == "en-GB"
        assert root["/ViewerPreferences"]["/DisplayDocTitle"] in (True, "true")
        assert reader.metadata.title.startswith("Strategic Policing Requirement")
        assert reader.pdf_header == "%PDF-1.7"

    def test_every_font_is_embedded_and_the_text_font_is_liberation_sans(self, published):
        reader = pdf_reader(bytes(published.pdf.content))
        names = set()
        for page in reader.pages:
            fonts = page["/Resources"].get("/Font", {})
            for font in fonts.values():
                font = font.get_object()
                descendants = font.get("/DescendantFonts")
                described = descendants[0].get_object() if descendants else font
                descriptor = described["/FontDescriptor"].get_object()
                assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), font[
                    "/BaseFont"
                ]
                names.add(str(font["/BaseFont"]).split("+")[-1])
        assert {"Liberation-Sans", "Liberation-Sans-Bold"} <= names, names

    def test_a_published_report_renders_to_the_same_bytes_every_time(self, published):
        again = render_report_pdf(published)
        assert again.content == bytes(published.pdf.content)
        assert again.sha256 == published.pdf.sha256


def _text_sizes(page) -> list[tuple[float, str]]:
    """Each piece of text on the page with its printed size in points (the font size times
    the text and transformation matrices' vertical scale, as the PDF itself states it)."""
    sizes = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            scale = math.hypot(tm[2], tm[3]) * math.hypot(cm[2], cm[3])
            sizes.append((round(size * scale, 2), text.strip()))

    page.extract_text(visitor_text=visit)
    return sizes


def test_a_draft_is_marked_draft_on_every_page(signed_quarter, spr_lead):
    report = new_report(signed_quarter, spr_lead)
    rendered = render_report_pdf(report)
    for page in pdf_pages_text(rendered.content):
        assert "DRAFT" in _lines(page)[0]
        assert "Draft" in _lines(page)[-1] and "Published" not in _lines(page)[-1]


def test_html_or_file_urls_typed_into_a_report_are_printed_not_fetched(
    signed_quarter, spr_lead, monkeypatch
):
    report = new_report(signed_quarter, spr_lead)
    typed = '<img src="file:///etc/passwd"> <link rel="stylesheet" href="http://example.com/x">'
    report = report_update(report=report, actor=spr_lead, data={"purpose": typed}, revision=1)
    fetched = []
    original = StaticOnlyFetcher.fetch
    monkeypatch.setattr(
        StaticOnlyFetcher,
        "fetch",
        lambda self, url, headers=None: fetched.append(url) or original(self, url, headers),
    )
    text = "".join(pdf_pages_text(render_report_pdf(report).content))
    assert fetched == ["https://report.spr-portal.invalid/static/pdf/report.css"]
    assert '<img src="file:///etc/passwd">' in text.replace("\n", " ")


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://example.com/style.css",
        "data:text/css,body{}",
        "https://report.spr-portal.invalid/static/js/app.mjs",
        "https://report.spr-portal.invalid/static/pdf/../../spr_portal/settings.py",
        "https://report.spr-portal.invalid/static/pdf/%2e%2e/%2e%2e/manage.py",
        "https://report.spr-portal.invalid/static/pdf/missing.css",
    ],
)
def test_the_fetcher_refuses_everything_but_the_pdf_stylesheet(url):
    with pytest.raises(ValueError):
        StaticOnlyFetcher().fetch(url)


def test_the_fetcher_serves_the_pdf_stylesheet():
    response = StaticOnlyFetcher().fetch("https://report.spr-portal.invalid/static/pdf/report.css")
    assert b"@page" in response.read()
    assert response.content_type == "text/css"


def test_laying_out_a_paper_reads_no_certificate_store(monkeypatch):
    """The fetcher opens no connection, so it trusts no certificate: reading the system's
    store for one was 17 ms of every paper drawn."""
    reads = []
    monkeypatch.setattr(ssl.SSLContext, "load_default_certs", lambda *args: reads.append(args))
    laid_out("<p>A paper.</p>")
    assert reads == []
