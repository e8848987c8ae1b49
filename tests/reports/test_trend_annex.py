"""Annex B (the trend): off by default, so a report's paper is as before; once added it is in
the web preview, the PDF and the Word file, and frozen at publishing; only the SPR lead adds
it, from the revision they read."""

import io

import pytest
from django.urls import reverse
from docx import Document

from reports.paper.docx import render_report_docx
from reports.paper.pdf import render_report_pdf
from reports.paper.structure import build_paper
from tests.reports.support import new_report, pdf_pages_text, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(signed_quarter, spr_lead):
    return new_report(signed_quarter, spr_lead)


def test_off_by_default(draft):
    assert draft.include_trend_annex is False
    assert build_paper(draft)["trend"] is None
    assert "Annex B" not in "".join(pdf_pages_text(render_report_pdf(draft).content))


def test_added_it_is_in_the_pdf_and_the_word_file_and_frozen(client, draft, spr_lead, threat):
    client.force_login(spr_lead)
    url = reverse("reports:report_trend_annex", args=[draft.pk])
    assert client.post(url, {"include": "yes", "revision": draft.revision}).status_code == 302
    draft.refresh_from_db()
    assert draft.include_trend_annex
    trend = build_paper(draft)["trend"]
    assert trend["rows"] == [{"quarter": "2015/16 Q4", "average": 4.0, "threats": [4.0, 4.0]}]
    assert threat.name in trend["threats"]
    text = "".join(pdf_pages_text(render_report_pdf(draft).content))
    assert "Annex B: Trend of the grades" in text and "Table B1" in text
    document = Document(io.BytesIO(render_report_docx(draft).content))
    table = document.tables[-1]
    assert [c.text for c in table.rows[0].cells][:2] == ["Quarter", "Force"]
    assert [c.text for c in table.rows[1].cells][:2] == ["2015/16 Q4", "4.0"]
    published = publish(report=draft, actor=spr_lead)
    assert published.frozen_annex["trend"] == trend


def test_a_stale_revision_or_another_role_changes_nothing(client, draft, spr_lead, pcc_office):
    url = reverse("reports:report_trend_annex", args=[draft.pk])
    client.force_login(pcc_office)
    assert client.post(url, {"include": "yes", "revision": draft.revision}).status_code == 404
    client.force_login(spr_lead)
    assert client.post(url, {"include": "yes", "revision": "x"}).status_code == 302
    assert client.get(url).status_code == 405
    draft.refresh_from_db()
    assert draft.include_trend_annex is False


@pytest.mark.parametrize("revision", ["²", "٣", "", "1" * 40, "-1"])
def test_a_revision_that_is_not_the_current_number_is_refused_not_a_failure(
    client, draft, spr_lead, revision
):
    """A "²" passes str.isdigit() yet int() refuses it: the page must still answer."""
    client.force_login(spr_lead)
    url = reverse("reports:report_trend_annex", args=[draft.pk])
    response = client.post(url, {"include": "yes", "revision": revision}, follow=True)
    assert response.status_code == 200
    assert "The report changed after you opened it" in response.content.decode()
    draft.refresh_from_db()
    assert draft.include_trend_annex is False
