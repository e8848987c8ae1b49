"""The Word file's annexes laid out as the PDF's: on landscape pages (a section of their own),
Figure A1 as a table of cells shaded in each grade's colour, the tables kept whole or without
a lone row, and Annex B's chart as a picture with its text alternative."""

import datetime
import io

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Mm
from PIL import Image

from assessments.items import GRADED_ITEMS
from assessments.trend_chart import trend_svg
from reports.models import BoardReport
from reports.paper.annex import COLOURS
from reports.paper.chart_png import svg_png, svg_text_alternative
from reports.paper.docx import render_report_docx
from tests.reports.kept import build_signed_quarter, publish_the_quarter_before
from tests.reports.support import new_report, publish
from tests.world import kept_for_module

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="class")
def rendered_once(django_db_setup, django_db_blocker, tmp_path_factory):
    """A draft with Annex B, updating the report of the quarter before (so with movement),
    rendered to a Word file once for the class that reads it: the signed quarter it was
    drafted from, and the file's bytes."""
    with kept_for_module(django_db_blocker, tmp_path_factory.mktemp("media")):
        signed = build_signed_quarter()
        report = new_report(
            signed.quarter,
            signed.spr_lead,
            previous_report=publish_the_quarter_before(signed),
            meeting_date=datetime.date(2016, 6, 14),
        )
        BoardReport.objects.filter(pk=report.pk).update(include_trend_annex=True)
        report.refresh_from_db()
        yield signed, render_report_docx(report).content


@pytest.fixture
def document(rendered_once):
    """The Word file rendered once, opened afresh for each test."""
    return Document(io.BytesIO(rendered_once[1]))


def _body(document) -> list:
    return list(document.element.body.iterchildren())


def _index(document, element) -> int:
    return _body(document).index(element)


def _table(document, first_header: str):
    return next(t for t in document.tables if t.rows[0].cells[0].text == first_header)


def _heading(document, start: str):
    return next(p for p in document.paragraphs if p.text.startswith(start))


class TestOneWordFileRenderedOnce:
    """Tests that read one Word file, rendered once for them all."""

    def test_the_annexes_are_a_landscape_section_after_the_portrait_paper(self, document):
        portrait, annexes = document.sections
        assert (
            portrait.orientation == WD_ORIENT.PORTRAIT
            and portrait.page_width < portrait.page_height
        )
        assert annexes.orientation == WD_ORIENT.LANDSCAPE
        assert (round(annexes.page_width.mm), round(annexes.page_height.mm)) == (297, 210)
        # The portrait section ends (its sectPr) before Annex A; every annex table is after it.
        end_of_portrait = next(
            i
            for i, element in enumerate(_body(document))
            if element.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None
        )
        annex_a = _index(document, _heading(document, "Annex A:")._p)
        assert end_of_portrait < annex_a
        for header in ("National threat", "Graded item", "Quarter"):
            assert _index(document, _table(document, header)._tbl) > annex_a
        assert _heading(document, "8. Recommendations")._p in _body(document)[:end_of_portrait]
        # Same marking on the landscape pages: their header and footer are the paper's.
        assert annexes.header.is_linked_to_previous and annexes.footer.is_linked_to_previous
        # Annex B starts a page of its own.
        assert _heading(document, "Annex B:").paragraph_format.page_break_before

    def test_figure_a1_is_the_heatmap_as_cells_shaded_in_each_grade_s_colour(
        self, document, rendered_once
    ):
        signed, _ = rendered_once
        heatmap = next(
            t
            for t in document.tables
            if [c.text for c in t.rows[0].cells][:2] == ["National threat", "Capacity"]
        )
        header = [cell.text for cell in heatmap.rows[0].cells]
        assert header[1:4] == ["Capacity"] * 3  # one cell merged across its three levels
        assert [cell.text for cell in heatmap.rows[1].cells][1:4] == [
            "Local",
            "Regional",
            "National",
        ]
        assert header[-3:] == ["Capability", "Consistency", "Connectivity"]
        rows = heatmap.rows[2:]
        assert {row.cells[0].text for row in rows} == {signed.threat.name, signed.other_threat.name}
        good_fill = COLOURS[4][0].lstrip("#").upper()
        for row in rows:
            cells = row.cells[1:]
            assert len(cells) == len(GRADED_ITEMS)
            for cell in cells:
                shading = cell._tc.tcPr.find(qn("w:shd"))
                assert shading is not None and shading.get(qn("w:fill")) == good_fill
                assert cell.text == "G ="  # Good, the same as in the report before
        caption = heatmap._tbl.getnext()
        assert "Figure A1: Heatmap of the grades" in "".join(caption.itertext())

    def test_annex_b_s_chart_is_a_picture_with_its_text_alternative(self, document):
        (picture,) = document.inline_shapes
        description = picture._inline.docPr.get("descr")
        assert description.startswith("Average signed-off grade of the force, quarter by quarter.")
        blip = picture._inline.graphic.graphicData.pic.blipFill.blip
        image = document.part.related_parts[blip.embed]
        assert image.content_type == "image/png"
        assert Image.open(io.BytesIO(image.blob)).size[0] >= 600
        after = picture._inline.getparent().getparent().getparent().getnext()
        assert "Figure B1:" in "".join(after.itertext())
        assert picture.width <= Mm(297 - 36)

    def test_small_tables_move_whole_and_table_a1_keeps_no_lone_row(self, document):
        def kept(row) -> bool:
            return all(p.paragraph_format.keep_with_next for c in row.cells for p in c.paragraphs)

        for header in ("National threat", "Quarter"):
            for table in (t for t in document.tables if t.rows[0].cells[0].text == header):
                assert all(kept(row) for row in table.rows[:-1]), header
                assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)
        grades = _table(document, "Graded item")
        assert kept(grades.rows[0]) and kept(grades.rows[1]) and kept(grades.rows[-2])
        assert not kept(grades.rows[4])  # the table may go on to the next page in between

    def test_numbered_paragraphs_hang_their_number_in_an_11_mm_indent(self, document):
        numbered = [p for p in document.paragraphs if p.text[:4] == "1.1\t"]
        assert numbered
        for paragraph in numbered:
            layout = paragraph.paragraph_format
            indents = (layout.left_indent.mm, layout.first_line_indent.mm)
            assert [round(mm, 1) for mm in indents] == [11, -11]
            assert [round(stop.position.mm, 1) for stop in layout.tab_stops] == [11]


class _Point:
    def __init__(self, quarter, value):
        self.quarter, self.value = quarter, value


def test_the_png_of_a_chart_draws_its_line_points_and_words():
    svg = trend_svg(
        [_Point("2015/16 Q1", 4.0), _Point("2015/16 Q2", 3.0), _Point("2024/25 Q1", 2.0)],
        title="The force's average grade",
        description="Each point is labelled.",
        chart_id="test",
    )
    content, (width, height) = svg_png(svg, scale=1)
    image = Image.open(io.BytesIO(content)).convert("RGB")
    assert image.size == (round(width), round(height))
    colours = image.getcolors(maxcolors=image.width * image.height)
    line_blue = sum(n for n, (r, g, b) in colours if b > 150 and r < 80 and 80 < g < 140)
    ink = sum(n for n, (r, g, b) in colours if r + g + b < 150)
    assert line_blue > 50  # the line between the first two points
    assert ink > 500  # the axis labels, the values and the gap note
    assert svg_text_alternative(svg).startswith("The force's average grade. Each point is")


def test_a_published_word_file_keeps_its_annex_in_landscape(signed_quarter, spr_lead):
    published = publish(report=new_report(signed_quarter, spr_lead), actor=spr_lead)
    stored = Document(io.BytesIO(bytes(published.docx.content)))
    assert [s.orientation for s in stored.sections] == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE]
    assert not stored.inline_shapes  # no Annex B, no chart
