"""The SPR lead's journey in Chromium: acc.security returns lead.ppu's submitted Child Sexual
Abuse self-assessment with comments, lead.ppu resubmits it through their own pages, and
acc.security signs it off and can no longer change it, having seen the evidence files it
rests on and which text is unchanged since last quarter; text carried forward is flagged to
the lead and in the paper's draft. axe-core on every page of the way."""

import datetime
import hashlib
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

from assessments import services
from assessments.choices import Status
from assessments.models import Assessment, Quarter
from assessments.services.evidence import evidence_attach
from reports.services import report_create
from tests import evidence_files
from tests.browser.conftest import SHOTS, assert_accessible, keep_screenshot
from threats.models import NationalThreat

pytestmark = pytest.mark.django_db(transaction=True)

SECTION_COMMENT = "How many of the forty new officers are trained in CSE investigation?"
OVERALL_COMMENT = "Say how the new specialist officers change local capacity."
EVIDENCE_NAME = "Operation Cygnet <exercise> report.pdf"
EVIDENCE = evidence_files.pdf()


@pytest.fixture(autouse=True)
def private_store(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _shots(page, name: str, target) -> None:
    """The part of the page that matters, at a desktop's width and a phone's, when asked
    (SPR_SCREENSHOTS; those in docs/images/issue24/ came from here)."""
    if not SHOTS:  # (nor resize the page for nothing)
        return
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        target.scroll_into_view_if_needed()
        keep_screenshot(page, f"{name}-{width}", full_page=False)
    page.set_viewport_size({"width": 1280, "height": 720})


def _submit_for_lead_ppu() -> Assessment:
    """lead.ppu's part before the meeting, done with the services (their pages have own tests)."""
    lead = get_user_model().objects.get(username="lead.ppu")
    quarter = Quarter.objects.get(is_open=True)
    threat = NationalThreat.objects.get(slug="child-sexual-abuse")
    assessment = services.assessment_start(
        threat=threat, quarter=quarter, actor=lead, from_previous=True
    )
    assessment = services.assessment_save_draft(
        assessment=assessment,
        actor=lead,
        data={
            "capacity_local_grade": 4,
            "capacity_local_narrative": "At local level: forty more specialist officers joined "
            "the Public Protection Unit this quarter to manage complex cases.",
        },
        revision=assessment.revision,
    )
    upload = SimpleUploadedFile(EVIDENCE_NAME, EVIDENCE, content_type="application/pdf")
    evidence_attach(assessment=assessment, section="capacity_local", upload=upload, actor=lead)
    return services.assessment_submit(assessment=assessment, actor=lead)


def _sign_out(page):
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()


def test_return_resubmit_and_sign_off(page, live_server, demo, sign_in):
    assessment = _submit_for_lead_ppu()

    # The quarterly meeting: the board on the wall.
    sign_in("acc.security")
    page.get_by_role("link", name="Quarter board").first.click()
    expect(page.locator("h1")).to_have_text("2015/16 Q4")
    row = page.locator("tr", has=page.get_by_role("link", name="Child Sexual Abuse", exact=True))
    expect(row).to_contain_text("Submitted")
    expect(row).to_contain_text("Up from Adequate")  # capacity local, against 2015/16 Q3
    expect(page.locator("tr", has_text="Terrorism").get_by_text("Not started")).to_be_visible()
    assert_accessible(page, "review-quarter-board")

    # Review: side by side with last quarter's signed-off assessment.
    row.get_by_role("link", name="Child Sexual Abuse", exact=True).click()
    expect(page.locator("h1")).to_have_text("Review: Child Sexual Abuse")
    local = page.locator("#section-capacity_local")
    expect(local.locator("h2")).to_contain_text("Changed")
    expect(local.locator("ins").first).to_be_visible()
    expect(local.locator("del").first).to_be_visible()
    assert_accessible(page, "review-page")

    # The evidence it rests on, and the text still as signed off last quarter.
    evidence = page.get_by_role("region", name=re.compile("The evidence files it rests on"))
    expect(evidence).to_contain_text(EVIDENCE_NAME)
    expect(evidence).to_contain_text(hashlib.sha256(EVIDENCE).hexdigest())
    expect(evidence).to_contain_text("Rachel Hughes")
    expect(page.locator("#unchanged-text")).to_contain_text("Unchanged since 2015/16 Q3")
    expect(page.locator("#unchanged-text")).not_to_contain_text("Capacity – local")
    _shots(page, "review-evidence", evidence)
    page.set_viewport_size({"width": 390, "height": 844})
    assert_accessible(page, "review-page-narrow")
    page.set_viewport_size({"width": 1280, "height": 720})
    with page.expect_download() as download_info:
        evidence.get_by_role("link", name=re.compile("Operation Cygnet")).click()
    with open(download_info.value.path(), "rb") as downloaded:
        assert downloaded.read() == EVIDENCE

    # Return for revision needs an overall comment: the error summary says so.
    page.locator("#section-capacity_local summary").click()
    page.get_by_label("Your comment on Capacity – local").fill(SECTION_COMMENT)
    page.get_by_role("button", name="Return for revision").click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter an overall comment saying what needs to be revised")
    expect(page.get_by_label("Your comment on Capacity – local")).to_have_value(SECTION_COMMENT)
    assert_accessible(page, "review-return-error")
    summary.get_by_role("link").click()
    expect(page.locator("#id_comment")).to_be_focused()
    page.keyboard.type(OVERALL_COMMENT)
    page.get_by_role("button", name="Return for revision").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "returned for revision to Public Protection Unit"
    )
    expect(page.locator("main .govuk-tag").first).to_contain_text("Returned")
    assert_accessible(page, "review-detail-returned")
    _sign_out(page)

    # lead.ppu sees the comments and resubmits through their own pages.
    sign_in("lead.ppu")
    page.goto(f"{live_server.url}/my-assessments/")
    page.get_by_role("link", name=re.compile("Revise the Child Sexual Abuse")).click()
    expect(page.locator("main")).to_contain_text(OVERALL_COMMENT)
    page.get_by_role("button", name="Check your answers and submit").click()
    page.get_by_label(re.compile("^I confirm this is an accurate self-assessment")).check()
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "You submitted the Child Sexual Abuse self-assessment"
    )
    _sign_out(page)
    assessment.refresh_from_db()
    assert assessment.status == Status.SUBMITTED

    # acc.security signs it off after a confirmation.
    sign_in("acc.security")
    page.goto(f"{live_server.url}/assessments/{assessment.pk}/review/")
    # A resubmission is compared with what was returned first (resubmitted unchanged here),
    # and the reviewer can switch to last quarter.
    expect(page.locator(".review-changes-summary")).to_have_text(
        "Nothing changed since you returned it."
    )
    assert_accessible(page, "review-resubmission")
    page.get_by_role("link", name="last quarter's signed-off self-assessment").click()
    expect(page.locator(".review-changes-summary")).to_contain_text("changed since last quarter")
    assert_accessible(page, "review-resubmission-since-last-quarter")
    expect(page.locator("#section-capacity_local")).to_contain_text(SECTION_COMMENT)
    page.get_by_role("button", name="Sign off").click()
    expect(page.locator("h1")).to_have_text("Sign off Child Sexual Abuse?")
    expect(page.locator("#evidence-files")).to_contain_text(EVIDENCE_NAME)
    expect(page.locator("#unchanged-text")).to_contain_text("Unchanged since 2015/16 Q3")
    assert_accessible(page, "review-sign-off-confirmation")
    page.get_by_role("button", name="Sign off").click()

    main = page.locator("main")
    expect(main).to_contain_text("You signed off Child Sexual Abuse (2015/16 Q4).")
    assessment.refresh_from_db()
    assert assessment.status == Status.SIGNED_OFF
    expect(main).to_contain_text(assessment.signed_snapshot.fingerprint)
    expect(main).to_contain_text("Signed by")
    expect(main).to_contain_text("Alex Morgan (acc.security)")
    expect(main.get_by_role("link", name=re.compile("Review|Edit"))).to_have_count(0)
    expect(main.get_by_role("button", name="Return for revision")).to_have_count(0)
    assert_accessible(page, "review-detail-signed-off")

    # No page offers a change, and the server refuses one posted by hand.
    page.goto(f"{live_server.url}/assessments/{assessment.pk}/review/")
    expect(page.get_by_role("button", name=re.compile("Return|Sign off"))).to_have_count(0)
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    response = page.request.post(
        f"{live_server.url}/assessments/{assessment.pk}/review/",
        form={"decision": "return", "revision": str(assessment.revision), "comment": "Again."},
        headers={"X-CSRFToken": token, "Referer": page.url},
    )
    assert response.ok
    assessment.refresh_from_db()
    assert assessment.status == Status.SIGNED_OFF

    # History and compare.
    page.goto(f"{live_server.url}/assessments/{assessment.pk}/#history")
    history = page.locator(".review-history")
    for step in ["Submitted for review", "Returned for revision", "Signed off", OVERALL_COMMENT]:
        expect(history).to_contain_text(step)
    page.get_by_role("button", name="Compare versions").click()
    expect(page.locator("h1")).to_have_text("Compare versions: Child Sexual Abuse")
    assert_accessible(page, "review-compare")
    page.get_by_label("Earlier version").select_option(index=0)
    page.get_by_label("Later version").select_option(index=0)
    page.get_by_role("button", name="Compare versions").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose two different versions")
    assert_accessible(page, "review-compare-error")

    # The actions register and the quarters.
    page.get_by_role("link", name="Actions register").first.click()
    expect(page.locator("h1")).to_have_text("Actions register")
    assert_accessible(page, "review-actions-register")
    page.goto(f"{live_server.url}/quarters/")
    assert_accessible(page, "review-quarter-list")
    page.get_by_role("link", name="Create a quarter").click()
    page.get_by_role("button", name="Create the quarter").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Select the financial year")
    expect(summary).to_be_focused()
    assert_accessible(page, "review-quarter-form-error")
    # Each link lands on its field: a radios field on its first radio.
    summary.get_by_role("link", name="Select the quarter").click()
    expect(page.locator("#id_number")).to_be_focused()


def test_chief_officer_and_pcc_office_read_only(page, live_server, demo, sign_in):
    _submit_for_lead_ppu()

    sign_in("acc.crime")
    page.get_by_role("link", name="Quarter board").first.click()
    rows = page.locator(".review-heatmap tbody tr")
    expect(rows).to_have_count(3)
    for threat in [
        "Child Sexual Abuse",
        "National Cyber Security Incident",
        "Serious and Organised Crime",
    ]:
        expect(rows.locator("th").filter(has_text=threat)).to_have_count(1)
    page.get_by_role("link", name="Child Sexual Abuse", exact=True).click()
    expect(page.locator("main")).to_contain_text("History")
    expect(page.get_by_role("button", name=re.compile("Sign off|Return|Reopen"))).to_have_count(0)
    assert_accessible(page, "review-detail-chief-officer")
    _sign_out(page)

    sign_in("pcc.office")
    page.get_by_role("link", name="Quarter board").first.click()
    # The office opens on the newest quarter with everything signed off, not the open one.
    expect(page.locator("#board-quarter option:checked")).not_to_contain_text("(open)")
    expect(page.locator(".review-heatmap")).not_to_contain_text("Not signed off yet")
    open_quarter = page.locator("#board-quarter option", has_text="(open)").inner_text()
    page.get_by_label("Quarter", exact=True).select_option(label=open_quarter.strip())
    page.get_by_role("button", name="Show quarter").click()
    expect(page.locator(".review-heatmap tbody tr")).to_have_count(6)
    expect(page.locator(".review-heatmap")).to_contain_text("Not signed off yet")
    expect(page.locator(".review-heatmap tbody")).not_to_contain_text(re.compile("submitted", re.I))
    page.get_by_label("Quarter", exact=True).select_option(label="2015/16 Q3")
    page.get_by_role("button", name="Show quarter").click()
    page.get_by_role("link", name="Terrorism").click()
    expect(page.locator("main")).to_contain_text("SHA-256 fingerprint")
    expect(page.locator("#history")).to_have_count(0)
    assert_accessible(page, "review-detail-pcc-office")


def test_carried_forward_text_is_flagged_to_the_lead_and_in_the_paper(
    page, live_server, demo, sign_in
):
    # lead.ppu starts from last quarter: every section it filled in asks to be checked.
    sign_in("lead.ppu")
    page.goto(f"{live_server.url}/my-assessments/")
    page.get_by_role("link", name="Start the Child Sexual Abuse self-assessment").click()
    page.get_by_label("Start from last quarter").check()
    page.get_by_role("button", name="Start self-assessment").click()
    expect(page.locator("#carried-to-check")).to_contain_text("marked “Check”")
    expect(page.locator("#task-capability-status")).to_have_text("Check")
    expect(page.locator("#task-summary-status")).to_have_text("Check")
    assert_accessible(page, "lead-task-list-carried")
    _shots(page, "task-list-carried", page.locator("#carried-to-check"))
    # Opening and saving a section is the lead's word that it still holds.
    page.get_by_role("link", name="Capability", exact=True).click()
    page.get_by_role("button", name="Save and return to the task list").click()
    expect(page.locator("#task-capability-status")).to_have_text("Completed")
    _sign_out(page)

    # Signed off as carried; the paper's draft says so, and flags a part naming Q3.
    assessment = Assessment.objects.get(threat__slug="child-sexual-abuse", quarter__is_open=True)
    acc = get_user_model().objects.get(username="acc.security")
    services.assessment_sign_off(
        assessment=services.assessment_submit(assessment=assessment, actor=assessment.created_by),
        actor=acc,
    )
    report = report_create(
        actor=acc,
        quarter=assessment.quarter,
        meeting_date=datetime.date(2016, 4, 12),
        agenda_item="7",
        marking="OFFICIAL",
    )
    sign_in("acc.security")
    page.goto(f"{live_server.url}/reports/{report.pk}/")
    expect(page.locator("#threat-child-sexual-abuse-hint")).to_contain_text(
        "Signed-off summary unchanged since 2015/16 Q3"
    )
    page.locator("#threat-child-sexual-abuse a").click()
    body = page.locator("#id_body")
    body.fill("Position at 2015/16 Q3. " + body.input_value())
    page.get_by_role("button", name="Save section").click()
    expect(page.locator("#threat-child-sexual-abuse-status")).to_have_text("Check")
    expect(page.locator("#threat-child-sexual-abuse-hint")).to_contain_text(
        "Names 2015/16 Q3, not 2015/16 Q4"
    )
    assert_accessible(page, "reports-draft-other-quarter")
    _shots(page, "draft-paper-flags", page.locator("#threat-child-sexual-abuse"))
    page.locator("#threat-child-sexual-abuse a").click()
    expect(page.locator("#other-quarter")).to_contain_text("names 2015/16 Q3")
    assert_accessible(page, "reports-edit-threat-other-quarter")


REOPEN_REASON = "The summary gives last year's number of trained officers: correct it to 212."


def test_a_reopening_is_told_to_the_lead_on_the_home_page_and_the_task_list(
    page, live_server, current_demo, sign_in
):
    # The current SPR's open quarter: lead.ppu's Child Sexual Abuse submitted and signed off.
    lead = get_user_model().objects.get(username="lead.ppu")
    quarter = Quarter.objects.get(is_open=True)
    assessment = services.assessment_start(
        threat=NationalThreat.objects.get(slug="child-sexual-abuse"),
        quarter=quarter,
        actor=lead,
        from_previous=True,
    )
    services.assessment_sign_off(
        assessment=services.assessment_submit(assessment=assessment, actor=lead),
        actor=get_user_model().objects.get(username="acc.security"),
    )

    sign_in("acc.security")
    page.goto(f"{live_server.url}/assessments/{assessment.pk}/")
    page.get_by_role("link", name="Reopen").click()
    page.get_by_label(re.compile("Why are you reopening")).fill(REOPEN_REASON)
    page.get_by_role("button", name="Reopen").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("reopened as a draft")
    _sign_out(page)

    # lead.ppu's home page: the reopening waits with its reason, and what is due says when.
    sign_in("lead.ppu")
    reopened = page.locator("#reopened-to-me")
    expect(reopened).to_contain_text(f"Child Sexual Abuse, {quarter.label}: reopened by")
    expect(reopened).to_contain_text(REOPEN_REASON)
    due = page.locator("#due-mine")
    expect(due).to_contain_text("Child Sexual Abuse self-assessment: reopened, ")
    expect(due).to_contain_text(f"{quarter.submission_deadline:%-d %B %Y}")
    assert_accessible(page, "lead-home-reopened-and-due")
    _full_page_shots(page, "lead-home-due")

    # Its task list gives the reason, not a plain "Draft".
    reopened.get_by_role("link", name=re.compile("Child Sexual Abuse")).click()
    expect(page.locator("#reopen-reason")).to_contain_text(REOPEN_REASON)
    expect(page.locator(".portal-facts")).to_contain_text("Reopened")
    assert_accessible(page, "lead-task-list-reopened")
    _shots(page, "task-list-reopened", page.locator("#reopen-reason"))


def _full_page_shots(page, name: str) -> None:
    """The whole page, at a desktop's width and a phone's, when asked (SPR_SCREENSHOTS)."""
    if not SHOTS:  # (nor resize the page for nothing)
        return
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        keep_screenshot(page, f"{name}-{width}")
    page.set_viewport_size({"width": 1280, "height": 720})
