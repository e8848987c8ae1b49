"""acc.security drafts, previews and publishes a board report; pcc.office downloads exactly
the published file and cannot reach a draft. axe-core finds nothing on any page."""

import datetime
import hashlib
import re
import subprocess

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from assessments.models import Quarter
from reports.models import BoardReport, ReportStatus
from reports.services import report_create
from tests.browser.conftest import assert_accessible
from tests.reports.support import PDFTOTEXT

pytestmark = pytest.mark.django_db(transaction=True)


def _pdf_text(content: bytes) -> str:
    result = subprocess.run([PDFTOTEXT, "-", "-"], input=content, capture_output=True, check=True)
    return re.sub(r"\s+", " ", result.stdout.decode())


def test_spr_lead_publishes_a_report_and_pcc_office_downloads_it(page, live_server, demo, sign_in):
    # The demo's open quarter has nothing signed off, so the new report covers 2015/16 Q3,
    # whose six self-assessments are signed off, for a board meeting in March 2016.
    sign_in("acc.security")
    page.get_by_role("link", name="Board reports").first.click()
    assert_accessible(page, "reports-list-spr-lead")

    page.get_by_role("button", name="New board report").click()
    page.get_by_label("2015/16 Q3").check()
    page.get_by_label("Day").fill("8")
    page.get_by_label("Month").fill("3")
    page.get_by_label("Year").fill("2016")
    page.get_by_role("button", name="Create draft report").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter the agenda item number")
    # The marking is pre-selected from the force profile's default, so it is not asked for.
    expect(summary).not_to_contain_text("protective marking")
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(summary).to_be_focused()  # govuk-frontend moves the focus to the summary
    expect(page.get_by_label("Day")).to_have_value("8")  # nothing typed is lost
    assert_accessible(page, "reports-new-error")

    page.get_by_label("Agenda item").fill("6")
    page.get_by_label("OFFICIAL-SENSITIVE").check()
    page.get_by_role("button", name="Create draft report").click()
    # 2015/16 Q3 is already reported in the published February paper: asked, with its link.
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text(
        "2015/16 Q3 is already reported in the board report of 2 February 2016"
    )
    expect(
        page.get_by_role("link", name="board report of 2 February 2016", exact=True)
    ).to_have_count(1)
    assert_accessible(page, "reports-new-already-reported")
    page.get_by_label("Draft a second report for 2015/16 Q3").check()
    page.get_by_role("button", name="Create draft report").click()
    expect(page.locator("main")).to_contain_text("Draft board report created")
    expect(page.locator("main")).to_contain_text("ready to publish")
    assert_accessible(page, "reports-draft")
    draft_url = page.url

    page.get_by_role("link", name="1. Purpose of report").click()
    page.get_by_label("Purpose of report").fill("")
    page.get_by_role("button", name="Save section").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the text of")
    expect(page).to_have_title(re.compile(r"^Error: "))
    assert_accessible(page, "reports-edit-section-error")
    page.get_by_label("Purpose of report").fill(
        "To update the board on the SPR before the March meeting.\n\n"
        "- the quarter 2015/16 Q3\n- <b>no HTML</b> reaches the paper"
    )
    page.get_by_role("button", name="Save section").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("saved")

    page.get_by_role("button", name="Preview as a web page").click()
    main = page.locator("main")
    expect(main).to_contain_text("1.1 To update the board on the SPR")
    expect(main).to_contain_text("<b>no HTML</b> reaches the paper")
    expect(
        main.get_by_role("img", name=re.compile("Heatmap of the self-assessment"))
    ).to_have_count(1)
    assert_accessible(page, "reports-preview")

    preview_pdf = page.request.get(draft_url + "preview.pdf")
    assert preview_pdf.headers["content-type"] == "application/pdf"
    assert "DRAFT" in _pdf_text(preview_pdf.body())

    page.goto(draft_url)
    page.get_by_role("button", name="Publish report").click()
    assert_accessible(page, "reports-publish")
    page.get_by_role("button", name="Publish report").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Report published")
    assert_accessible(page, "reports-published")
    report = BoardReport.objects.get(meeting_date=datetime.date(2016, 3, 8))
    assert report.status == ReportStatus.PUBLISHED
    expect(page.locator("main")).to_contain_text(report.pdf.sha256)

    # Another draft, which the PCC office must not reach even by its URL.
    hidden = report_create(
        actor=get_user_model().objects.get(username="acc.security"),
        quarter=Quarter.objects.get(financial_year=2015, number=3),
        meeting_date=datetime.date(2016, 5, 10),
        agenda_item="4",
        marking="OFFICIAL",
        confirm_second=True,  # 2015/16 Q3 is reported in the February paper
    )
    page.get_by_role("button", name="Sign out").click()

    sign_in("pcc.office")
    page.get_by_role("link", name="Board reports").first.click()
    listing = page.locator("main")
    expect(listing).to_contain_text("8 March 2016")
    expect(listing).not_to_contain_text("10 May 2016")
    expect(listing).to_contain_text(report.pdf.sha256)
    assert_accessible(page, "reports-list-pcc-office")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download PDF of the report of 8 March 2016").click()
    download = download_info.value
    assert download.suggested_filename == "2016-03-08-spr-board-report.pdf"
    with open(download.path(), "rb") as downloaded:
        content = downloaded.read()
    assert hashlib.sha256(content).hexdigest() == report.pdf.sha256
    assert "AGENDA ITEM 6" in _pdf_text(content)

    for path in ("", "preview/", "preview.pdf", "publish/", "sections/purpose/"):
        response = page.goto(f"{live_server.url}/reports/{hidden.pk}/{path}")
        assert response.status == 404, path
