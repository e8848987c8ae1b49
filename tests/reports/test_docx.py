"""The board report as a Word document, read back with python-docx: the same paper as the
PDF (headings in order, numbered paragraphs, agenda item, marking in header and footer, page
N of M as Word fields, the annex as a real table, document properties), stored with its
SHA-256 at publishing, and downloadable by exactly those who may read the report."""

import hashlib
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document

from assessments.items import GRADED_ITEMS
from reports.models import PublishedDocx
from reports.paper.docx import render_report_docx
from reports.paper.sections import SECTIONS
from reports.services.word import report_docx_store
from tests.reports.support import new_report
from tests.tamper import tamper_delete

pytestmark = pytest.mark.django_db

MARKING = "OFFICIAL-SENSITIVE"


def _read(content: bytes):
    return Document(io.BytesIO(content))


def _xml(part) -> str:
    return part._element.xml


class TestOnePaperPublishedOnce:
    """Tests that read one published paper's Word file (or change it in their own savepoint),
    published once for them all."""

    @pytest.fixture
    def published(self, published_once):
        return published_once

    @pytest.fixture
    def threat(self, signed_once):
        return signed_once.threat

    @pytest.fixture
    def other_threat(self, signed_once):
        return signed_once.other_threat

    def test_headings_in_order_with_threat_parts_and_numbered_paragraphs(
        self, published, threat, other_threat
    ):
        document = _read(bytes(published.docx.content))
        headings = [
            (p.style.name, p.text)
            for p in document.paragraphs
            if p.style.name.startswith("Heading")
        ]
        level_one = [text for style, text in headings if style == "Heading 1"]
        expected = [f"{n}. {s.heading}" for n, s in enumerate(SECTIONS, start=1)]
        assert level_one == [*expected, "Annex A: Self-assessment grades at 2015/16 Q4"]
        level_two = {text for style, text in headings if style == "Heading 2"}
        assert {threat.name, other_threat.name} <= level_two
        title = [p.text for p in document.paragraphs if p.style.name == "Title"]
        assert title == ["Strategic Policing Requirement"]
        texts = [p.text for p in document.paragraphs]
        assert any(t.startswith("4.1\t") for t in texts)
        bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
        assert "Specialist officers" in bullets
        assert "Strategic Policing and Crime Board" in texts and "12 April 2016" in texts

    def test_agenda_item_in_a_bordered_box(self, published):
        document = _read(bytes(published.docx.content))
        box = document.tables[0]
        assert box.cell(0, 0).text == "AGENDA ITEM 7"
        assert "w:tcBorders" in box.cell(0, 0)._tc.xml

    def test_marking_in_header_and_footer_and_page_n_of_m_fields(self, published):
        document = _read(bytes(published.docx.content))
        section = document.sections[0]
        assert section.header.paragraphs[0].text == MARKING
        footer = [p.text for p in section.footer.paragraphs]
        assert footer[0] == MARKING
        # The footer dates the paper by its publication; the meeting's date is on the first page.
        published_on = f"{timezone.localtime(published.published_at):%-d %B %Y}"
        assert footer[1].startswith("Page 1 of 1") and f"Published {published_on}" in footer[1]
        xml = _xml(section.footer)
        assert " PAGE " in xml and " NUMPAGES " in xml
        assert "DRAFT" not in _xml(section.header)

    def test_annex_grades_are_a_real_table(self, published, threat, other_threat):
        document = _read(bytes(published.docx.content))
        grades = next(t for t in document.tables if t.rows[0].cells[0].text == "Graded item")
        header = [cell.text for cell in grades.rows[0].cells]
        assert header[0] == "Graded item"
        assert set(header[1:]) == {threat.name, other_threat.name}
        assert len(grades.rows) == 1 + len(GRADED_ITEMS)
        assert [row.cells[0].text for row in grades.rows[1:]] == [i.label for i in GRADED_ITEMS]
        assert {row.cells[1].text for row in grades.rows[1:]} == {"Good"}
        assert "w:tblHeader" in grades.rows[0]._tr.xml  # the header row repeats on each page
        signoff = document.tables[-1]
        assert [c.text for c in signoff.rows[0].cells][0] == "National threat"
        fingerprints = {row.cells[2].text for row in signoff.rows[1:]}
        assert all(len(f) == 16 for f in fingerprints)

    def test_document_properties(self, published):
        properties = _read(bytes(published.docx.content)).core_properties
        assert properties.title.startswith("Strategic Policing Requirement: report to the")
        assert properties.author == "West Midlands Police"
        assert properties.language == "en-GB"
        assert properties.keywords == MARKING

    def test_stored_at_publishing_with_its_sha256(self, published):
        stored = PublishedDocx.objects.get(report=published)
        assert stored.sha256 == hashlib.sha256(bytes(stored.content)).hexdigest()
        assert stored.size == len(bytes(stored.content))
        assert report_docx_store(report=published).pk == stored.pk  # never rendered twice

    def test_a_report_published_before_word_files_gets_one_on_first_download(
        self, client, published, pcc_office
    ):
        # As the database held it before Word files existed (their rows are now never deleted).
        tamper_delete(PublishedDocx, published.docx.pk)
        client.force_login(pcc_office)
        url = reverse("reports:report_download_docx", args=[published.pk])
        first = client.get(url)
        assert first.status_code == 200
        again = client.get(url)
        assert first.content == again.content
        assert first["ETag"] == f'"{hashlib.sha256(first.content).hexdigest()}"'
        assert _read(first.content).sections[0].header.paragraphs[0].text == MARKING

    def test_download_serves_the_stored_bytes(self, client, published, chief_officer):
        client.force_login(chief_officer)
        response = client.get(reverse("reports:report_download_docx", args=[published.pk]))
        assert response.status_code == 200
        assert response.content == bytes(published.docx.content)
        assert response["Content-Disposition"] == (
            'attachment; filename="2016-04-12-spr-board-report.docx"'
        )


def test_draft_preview_is_marked_draft(client, signed_quarter, spr_lead):
    draft = new_report(signed_quarter, spr_lead)
    client.force_login(spr_lead)
    response = client.get(reverse("reports:report_preview_docx", args=[draft.pk]))
    assert response.status_code == 200
    document = _read(response.content)
    assert "DRAFT" in document.sections[0].header.paragraphs[0].text
    assert document.sections[0].footer.paragraphs[1].text.endswith(" · Draft")
    assert document.paragraphs[2].text.startswith("DRAFT, not for circulation")
    assert document.core_properties.title.endswith("(draft)")
    assert not PublishedDocx.objects.exists()


def test_typed_markup_stays_text(signed_quarter, spr_lead):
    draft = new_report(signed_quarter, spr_lead)
    draft.purpose = "<w:p>injected</w:p> & more"
    document = _read(render_report_docx(draft).content)
    assert "<w:p>injected</w:p> & more" in [p.text.split("\t")[-1] for p in document.paragraphs]
