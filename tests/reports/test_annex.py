"""Annex A: the threat × 9 items grades for the quarter, movement since the previous
report's quarter, and an SVG heatmap that reads without colour."""

import datetime

import pytest

from reports.paper.annex import annex_data, annex_svg
from tests.factories import QuarterFactory
from tests.html import one, select, text, texts
from tests.reports.support import sign_off

pytestmark = pytest.mark.django_db


@pytest.fixture
def earlier_quarter(threat, business_lead, spr_lead):
    earlier = QuarterFactory(
        financial_year=2015,
        number=2,
        submission_deadline=datetime.date(2015, 12, 1),
        meeting_date=datetime.date(2015, 12, 10),
    )
    sign_off(threat=threat, quarter=earlier, lead=business_lead, reviewer=spr_lead, grade=3)
    return earlier


def test_movement_since_the_base_quarter(signed_quarter, earlier_quarter, threat, other_threat):
    data = annex_data(signed_quarter, earlier_quarter)
    rows = {row["threat"]: row for row in data["rows"]}
    cell = rows[threat.name]["cells"][0]
    assert (cell["grade"], cell["previous"], cell["movement"]) == (4, 3, "up")
    assert cell["movement_text"] == "Up from Adequate" and cell["arrow"] == "▲"
    new = rows[other_threat.name]["cells"][0]
    assert (new["movement"], new["movement_text"]) == ("none", "No earlier grade")
    assert data["base_quarter"] == "2015/16 Q2" and len(data["items"]) == 9


def test_movement_reaches_past_a_threat_missing_from_the_base_quarter(
    signed_quarter, earlier_quarter, threat, other_threat, other_business_lead, spr_lead
):
    # The previous report was on 2015/16 Q3, in which only `other_threat` was signed off:
    # `threat` is compared with its last signed-off grade, from Q2, and says so.
    base = QuarterFactory(
        financial_year=2015,
        number=3,
        submission_deadline=datetime.date(2016, 1, 4),
        meeting_date=datetime.date(2016, 1, 14),
    )
    sign_off(
        threat=other_threat, quarter=base, lead=other_business_lead, reviewer=spr_lead, grade=5
    )
    rows = {row["threat"]: row for row in annex_data(signed_quarter, base)["rows"]}
    cell = rows[threat.name]["cells"][0]
    assert (cell["previous"], cell["movement"]) == (3, "up")
    assert cell["movement_text"] == "Up from Adequate in 2015/16 Q2"
    same_quarter = rows[other_threat.name]["cells"][0]
    assert same_quarter["movement_text"] == "Down from Outstanding"


def test_only_signed_off_grades_count(quarter, threat, other_threat, business_lead, spr_lead):
    sign_off(threat=threat, quarter=quarter, lead=business_lead, reviewer=spr_lead)
    rows = {row["threat"]: row for row in annex_data(quarter)["rows"]}
    assert rows[threat.name]["signed_off"] and len(rows[threat.name]["fingerprint"]) == 64
    assert not rows[other_threat.name]["signed_off"]
    assert {c["label"] for c in rows[other_threat.name]["cells"]} == {"Not signed off"}


def test_svg_says_every_grade_in_text_and_escapes_names(signed_quarter, earlier_quarter, threat):
    threat.name = 'Cyber <script>alert("x")</script>'
    threat.save()
    svg = str(annex_svg(annex_data(signed_quarter, earlier_quarter)))
    assert svg.startswith("<svg")  # inline in the page and the PDF: no XML prolog
    root = one(svg, "svg")
    assert root["role"] == "img" and text(one(root, "title"))
    assert not select(svg, "script") and 'Cyber <script>alert("x")</script>' in text(svg)
    # Black and white: each grade's abbreviation is written in its cell, and the legend
    # names every grade and the movement marks.
    labels = texts(svg, "text")
    assert labels.count("G") >= 17
    for name in ("Outstanding", "Good", "Adequate", "Requires improvement", "Inadequate"):
        assert name in labels
    assert "▲ up, ▼ down, = same since 2015/16 Q2" in text(svg)
    assert select(svg, '[font-family="Liberation Sans, DejaVu Sans, sans-serif"]')
