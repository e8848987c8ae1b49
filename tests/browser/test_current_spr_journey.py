"""A quarter of the current (2023) SPR from submission to published paper: seven threats,
each started from last quarter (Public Disorder from Public Order's grades), submitted and
signed off; acc.security sees them on the board under the 2023 names and publishes the
paper, whose PDF names them so too. axe-core finds nothing on any page."""

import datetime
import re
import subprocess

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from assessments import services
from assessments.models import Quarter
from reports.models import BoardReport, ReportStatus
from tests.browser.conftest import assert_accessible
from tests.factories import complete_content
from tests.reports.support import PDFTOTEXT

pytestmark = pytest.mark.django_db(transaction=True)

SEVEN = [
    "Terrorism",
    "Serious and Organised Crime",
    "Civil Emergencies",
    "National cyber event",
    "Child Sexual Abuse",
    "Violence Against Women and Girls",
    "Public Disorder",
]


def _submit_and_sign_off(quarter) -> None:
    """The leads' part and the sign-offs, through the services (their pages have own tests)."""
    reviewer = get_user_model().objects.get(username="acc.security")
    for threat in quarter.edition.threats():
        lead = threat.owning_department.leads.order_by("pk").first()
        assessment = services.assessment_start(
            threat=threat, quarter=quarter, actor=lead, from_previous=True
        )
        assert assessment.summary, f"{threat.slug} started empty: no lineage"
        assessment = services.assessment_save_draft(
            assessment=assessment,
            actor=lead,
            data={"summary": complete_content()["summary"]},
            revision=assessment.revision,
        )
        assessment = services.assessment_submit(assessment=assessment, actor=lead)
        services.assessment_sign_off(assessment=assessment, actor=reviewer)


def _pdf_text(content: bytes) -> str:
    result = subprocess.run([PDFTOTEXT, "-", "-"], input=content, capture_output=True, check=True)
    return re.sub(r"\s+", " ", result.stdout.decode())


def test_a_2023_quarter_from_submission_to_published_paper(
    page, live_server, current_demo, sign_in
):
    quarter = Quarter.objects.get(is_open=True)
    assert quarter.edition.year == 2023
    _submit_and_sign_off(quarter)

    sign_in("acc.security")
    page.goto(f"{live_server.url}/board/")
    main = page.locator("main")
    expect(main).to_contain_text(f"{quarter.label}")
    expect(main).to_contain_text("7 of 7 signed off")
    for name in SEVEN:
        expect(main.get_by_role("link", name=name, exact=True)).to_have_count(1)
    expect(main).not_to_contain_text("National Cyber Security Incident")
    expect(main).not_to_contain_text("Public Order")
    assert_accessible(page, "board-2023")

    page.get_by_role("link", name="Board reports").first.click()
    page.get_by_role("button", name="New board report").click()
    page.get_by_label(quarter.label).check()
    meeting = quarter.meeting_date + datetime.timedelta(days=7)
    page.get_by_label("Day").fill(str(meeting.day))
    page.get_by_label("Month").fill(str(meeting.month))
    page.get_by_label("Year").fill(str(meeting.year))
    page.get_by_label("Agenda item").fill("5")
    page.get_by_label("OFFICIAL-SENSITIVE").check()
    page.get_by_role("button", name="Create draft report").click()
    expect(page.locator("main")).to_contain_text("Draft board report created")
    assert_accessible(page, "report-draft-2023")
    draft_url = page.url

    page.goto(draft_url)
    page.get_by_role("button", name="Publish report").click()
    page.get_by_role("button", name="Publish report").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Report published")
    assert_accessible(page, "report-published-2023")

    report = BoardReport.objects.get(quarter=quarter)
    assert report.status == ReportStatus.PUBLISHED
    text = _pdf_text(bytes(report.pdf.content))
    for name in SEVEN:
        assert name in text, name
    assert "National Cyber Security Incident" not in text
    assert [s.published_name for s in report.threat_sections.all()] == SEVEN
