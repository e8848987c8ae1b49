"""The demo's board reports: December 2014, and 2 February 2016 following the reference
paper section by section, both published with real PDFs."""

import datetime
import hashlib
import io
import re

import pypdf
import pytest

from reports.demo import FEBRUARY_2016_PAGES, FEBRUARY_2016_PDF, seed_reports
from reports.models import BoardReport, ReportStatus
from tests.reports.support import pdf_pages_text

pytestmark = pytest.mark.django_db

# The published paper of 2 February 2016 as it was published: it must never change, whatever
# later happens to the paper's layout.
FEBRUARY_2016_SHA256 = "010203882e3b7501f22e313b95a7232098b8a8daf3f07883d765fd05d80daf78"

# A phrase of each section of the reference paper, in the paper's order.
PAPER = [
    ("1. Purpose of report", "update to the last report to the PCC in December 2014"),
    ("2. Introduction", "National Strategic Policing Requirement Programme Board was created"),
    ("3. Management processes", "quarterly meetings, chaired by ACC Security"),
    ("4. Summary of self-assessments", "highest level of CT threat outside London"),
    ("5. Conclusion", "We should clearly monitor the development"),
    ("6. Financial implications", "WMOPCC receive this assessment"),
    ("7. Legal implications", "None"),
    ("8. Recommendations", "note the contents of this report"),
]


@pytest.fixture
def demo(demo_seeded_once):
    """The demo as seed_demo made it, shared by the tests of this module that only read it."""


def test_the_two_demo_reports_are_published_on_their_meeting_dates(demo):
    december, february = BoardReport.objects.order_by("meeting_date")
    assert (december.meeting_date, december.quarter.label) == (
        datetime.date(2014, 12, 16),
        "2014/15 Q3",
    )
    assert december.threat_sections.count() == 5  # the 2012 edition's five threats
    assert (february.meeting_date, february.agenda_item, february.quarter.label) == (
        datetime.date(2016, 2, 2),
        "7",
        "2015/16 Q3",
    )
    assert february.previous_report == december
    for report in (december, february):
        assert report.status == ReportStatus.PUBLISHED
        assert report.published_at.date() == report.meeting_date
        content = bytes(report.pdf.content)
        assert hashlib.sha256(content).hexdigest() == report.pdf.sha256
    assert seed_reports() == 0


def test_february_2016_follows_the_reference_paper_section_by_section(demo):
    february = BoardReport.objects.get(meeting_date=datetime.date(2016, 2, 2))
    text = re.sub(r"\s+", " ", " ".join(pdf_pages_text(bytes(february.pdf.content))))
    positions = []
    for heading, phrase in PAPER:
        start = text.index(heading)
        assert phrase in text[start:], heading
        positions.append(start)
    assert positions == sorted(positions)
    summary = text[positions[3] : positions[4]]
    threats = [s.threat.name for s in february.threat_sections.select_related("threat")]
    assert threats == [
        "Terrorism",
        "Serious and Organised Crime",
        "Public Order",
        "Civil Emergencies",
        "National Cyber Security Incident",
        "Child Sexual Abuse",
    ]
    for name in threats:
        assert name in summary
    assert "Most recently this has included our Firearms department and ROCU" in summary
    assert "AGENDA ITEM 7" in text and "2 February 2016" in text
    movements = [c["movement"] for r in february.frozen_annex["rows"] for c in r["cells"]]
    assert movements.count("up") >= 5 and "down" in movements  # since 2014/15 Q3


def test_the_february_2016_paper_is_stored_byte_for_byte_as_published(demo):
    february = BoardReport.objects.get(meeting_date=datetime.date(2016, 2, 2))
    content = bytes(february.pdf.content)
    assert content == FEBRUARY_2016_PDF.read_bytes()
    assert hashlib.sha256(content).hexdigest() == FEBRUARY_2016_SHA256 == february.pdf.sha256
    assert february.pdf.size == len(content)
    assert (
        february.pdf.pages == FEBRUARY_2016_PAGES == len(pypdf.PdfReader(io.BytesIO(content)).pages)
    )
