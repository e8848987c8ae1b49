"""Builders shared by the board report tests (tests/reports/test_*.py)."""

import datetime
import io
import shutil
import subprocess

from pypdf import PdfReader

from assessments import services
from assessments.demo import opened_alone
from reports.services import report_create, report_publish
from tests.factories import QuarterFactory, complete_content
from threats.force_profile import Marking

PDFTOTEXT = shutil.which("pdftotext") or "/usr/bin/pdftotext"  # poppler-utils

SUMMARIES = {
    "child-sexual-abuse": "CSA is a new threat within the 2015 SPR.\n\n- Specialist officers\n"
    "- Safeguarding hubs",
    "serious-organised-crime": "The SOC strategy is in its second year of functioning.",
}


def sign_off(*, threat, quarter, lead, reviewer, grade: int = 4, **content):
    """A self-assessment taken through the real workflow to sign-off (genuine fingerprint)."""
    data = {**complete_content(grade), "summary": SUMMARIES.get(threat.slug, ""), **content}
    if not data["summary"]:
        data["summary"] = f"The force is in a good position against {threat.name} now."
    # Open for the lead's whole part: a closed quarter refuses saving and submitting too.
    with opened_alone(quarter):
        assessment = services.assessment_start(threat=threat, quarter=quarter, actor=lead)
        assessment = services.assessment_save_draft(
            assessment=assessment, actor=lead, data=data, revision=assessment.revision
        )
        assessment = services.assessment_submit(assessment=assessment, actor=lead)
    return services.assessment_sign_off(assessment=assessment, actor=reviewer)


def new_report(quarter, spr_lead, **kwargs):
    options = {
        "actor": spr_lead,
        "quarter": quarter,
        # The board hears a quarter on or after its quarterly meeting.
        "meeting_date": max(datetime.date(2016, 4, 12), quarter.meeting_date),
        "agenda_item": "7",
        "marking": Marking.OFFICIAL_SENSITIVE,
        # Test data often has a second paper for a quarter: the rule has its own tests.
        "confirm_second": True,
        **kwargs,
    }
    return report_create(**options)


def pdf_pages_text(content: bytes) -> list[str]:
    """The text of each page, as pdftotext (poppler) reads it."""
    result = subprocess.run(
        [PDFTOTEXT, "-layout", "-", "-"], input=content, capture_output=True, check=True
    )
    return result.stdout.decode().split("\f")[:-1]


def pdf_reader(content: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(content))


def publish(*, report, actor, **kwargs):
    """Publish the report as it stands (the revision the SPR lead would have previewed)."""
    return report_publish(report=report, actor=actor, revision=report.revision, **kwargs)


def signed_off_quarter_before(quarter, *, leads, reviewer):
    """2015/16 Q3, closed, with each (threat, its lead) of `leads` signed off in it."""
    earlier = QuarterFactory(
        financial_year=2015,
        number=3,
        is_open=False,
        edition=quarter.edition,
        submission_deadline=datetime.date(2015, 12, 11),
        meeting_date=datetime.date(2016, 1, 14),
    )
    for threat, lead in leads:
        sign_off(threat=threat, quarter=earlier, lead=lead, reviewer=reviewer)
    return earlier
