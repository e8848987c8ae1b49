"""A board paper lists the open inspection recommendations of each threat under its part: in
the draft's preview, the PDF and the Word file; frozen at publishing, so a recommendation
closed or added later never changes a published paper."""

import datetime
import io

import pytest
from django.utils import timezone
from docx import Document

from assessments.services.recommendations import recommendation_close, recommendation_record
from reports.paper.docx import render_report_docx
from reports.paper.structure import build_paper
from tests.reports.support import new_report, publish

pytestmark = pytest.mark.django_db


def _parts(report):
    summary = next(s for s in build_paper(report)["sections"] if s.code == "summary")
    return {part.heading: part.recommendations for part in summary.parts}


def _record(spr_lead, threat, reference):
    return recommendation_record(
        actor=spr_lead,
        threats=[threat],
        source_report="PEEL 2025",
        published_on=timezone.localdate() - datetime.timedelta(days=5),
        reference=reference,
        text="Assess the capacity to mobilise.",
        policing_body_must_respond=False,
    )


def test_each_threat_lists_its_open_ones_and_a_published_paper_keeps_them(
    signed_quarter, spr_lead, threat, other_threat
):
    first = _record(spr_lead, threat, "Recommendation 1")
    report = new_report(signed_quarter, spr_lead)
    parts = _parts(report)
    assert [item["title"] for item in parts[threat.name]] == ["PEEL 2025: Recommendation 1"]
    assert parts[other_threat.name] == []
    word = Document(io.BytesIO(render_report_docx(report).content))
    texts = [p.text for p in word.paragraphs]
    assert "Open inspection recommendations" in texts
    assert any(t.startswith("PEEL 2025: Recommendation 1 (HMICFRS") for t in texts)

    published = publish(report=report, actor=spr_lead)
    recommendation_close(recommendation=first, actor=spr_lead, reason="Done.")
    _record(spr_lead, other_threat, "Recommendation 2")
    published.refresh_from_db()
    parts = _parts(published)
    assert [item["title"] for item in parts[threat.name]] == ["PEEL 2025: Recommendation 1"]
    assert parts[other_threat.name] == []


def test_a_paper_without_any_has_no_list_and_no_frozen_key(signed_quarter, spr_lead, threat):
    published = publish(report=new_report(signed_quarter, spr_lead), actor=spr_lead)
    assert "recommendations" not in published.frozen_annex
    assert all(items == [] for items in _parts(published).values())
