"""The SPR lead's journey in Chromium: acc.security returns lead.ppu's submitted Child Sexual
Abuse self-assessment with comments, lead.ppu resubmits it through their own pages, and
acc.security signs it off and can no longer change it. axe-core on every page of the way."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from assessments import services
from assessments.choices import Status
from assessments.models import Assessment, Quarter
from tests.browser.conftest import assert_accessible
from threats.models import NationalThreat

pytestmark = pytest.mark.django_db(transaction=True)

SECTION_COMMENT = "How many of the forty new officers are trained in CSE investigation?"
OVERALL_COMMENT = "Say how the new specialist officers change local capacity."


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
    return services.assessment_submit(assessment=assessment, actor=lead)


def _sign_out(page):
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()


def test_return_resubmit_and_sign_off(page, live_server, demo, sign_in):
    assessment = _submit_for_lead_ppu()

    # The quarterly meeting: the board on the wall.
    sign_in("acc.security")
    page.get_by_role("link", name="Quarter board").first.click()
    assert page.locator("h1").inner_text() == "2015/16 Q4"
    row = page.locator("tr", has=page.get_by_role("link", name="Child Sexual Abuse"))
    assert "Submitted" in row.inner_text()
    assert "Up from Adequate" in row.inner_text()  # capacity local, against 2015/16 Q3
    assert page.locator("tr", has_text="Terrorism").get_by_text("Not started").is_visible()
    assert_accessible(page, "review-quarter-board")

    # Review: side by side with last quarter's signed-off assessment.
    row.get_by_role("link", name="Child Sexual Abuse").click()
    assert page.locator("h1").inner_text() == "Review: Child Sexual Abuse"
    local = page.locator("#section-capacity_local")
    assert "Changed" in local.locator("h2").inner_text()
    assert local.locator("ins").count() >= 1 and local.locator("del").count() >= 1
    assert_accessible(page, "review-page")

    # Return for revision needs an overall comment: the error summary says so.
    page.locator("#section-capacity_local summary").click()
    page.get_by_label("Your comment on Capacity – local").fill(SECTION_COMMENT)
    page.get_by_role("button", name="Return for revision").click()
    assert page.title().startswith("Error: ")
    summary = page.locator(".govuk-error-summary")
    assert "Enter an overall comment saying what needs to be revised" in summary.inner_text()
    assert page.get_by_label("Your comment on Capacity – local").input_value() == SECTION_COMMENT
    assert_accessible(page, "review-return-error")
    summary.get_by_role("link").click()
    assert page.evaluate("document.activeElement.id") == "id_comment"
    page.keyboard.type(OVERALL_COMMENT)
    page.get_by_role("button", name="Return for revision").click()
    assert (
        "returned for revision to Public Protection Unit"
        in page.locator(".govuk-notification-banner").inner_text()
    )
    assert "Returned" in page.locator("main .govuk-tag").first.inner_text()
    assert_accessible(page, "review-detail-returned")
    _sign_out(page)

    # lead.ppu sees the comments and resubmits through their own pages.
    sign_in("lead.ppu")
    page.goto(f"{live_server.url}/my-assessments/")
    page.get_by_role("link", name=re.compile("Revise the Child Sexual Abuse")).click()
    assert OVERALL_COMMENT in page.locator("main").inner_text()
    page.get_by_role("button", name="Submit for review").click()
    assert (
        "You submitted the Child Sexual Abuse self-assessment"
        in page.locator(".govuk-notification-banner").inner_text()
    )
    _sign_out(page)
    assessment.refresh_from_db()
    assert assessment.status == Status.SUBMITTED

    # acc.security signs it off after a confirmation.
    sign_in("acc.security")
    page.goto(f"{live_server.url}/assessments/{assessment.pk}/review/")
    assert SECTION_COMMENT in page.locator("#section-capacity_local").inner_text()
    page.get_by_role("button", name="Sign off").click()
    assert page.locator("h1").inner_text() == "Sign off Child Sexual Abuse?"
    assert_accessible(page, "review-sign-off-confirmation")
    page.get_by_role("button", name="Sign off").click()

    assessment.refresh_from_db()
    assert assessment.status == Status.SIGNED_OFF
    main = page.locator("main")
    assert "You signed off Child Sexual Abuse (2015/16 Q4)." in main.inner_text()
    assert assessment.signed_snapshot.fingerprint in main.inner_text()
    assert "Signed by" in main.inner_text() and "Alex Morgan (acc.security)" in main.inner_text()
    assert main.get_by_role("link", name=re.compile("Review|Edit")).count() == 0
    assert main.get_by_role("button", name="Return for revision").count() == 0
    assert_accessible(page, "review-detail-signed-off")

    # No page offers a change, and the server refuses one posted by hand.
    page.goto(f"{live_server.url}/assessments/{assessment.pk}/review/")
    assert page.get_by_role("button", name=re.compile("Return|Sign off")).count() == 0
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
    history = page.locator(".review-history").inner_text()
    for step in ["Submitted for review", "Returned for revision", "Signed off", OVERALL_COMMENT]:
        assert step in history
    page.get_by_role("button", name="Compare versions").click()
    assert page.locator("h1").inner_text() == "Compare versions: Child Sexual Abuse"
    assert_accessible(page, "review-compare")
    page.get_by_label("Earlier version").select_option(index=0)
    page.get_by_label("Later version").select_option(index=0)
    page.get_by_role("button", name="Compare versions").click()
    assert "Choose two different versions" in page.locator(".govuk-error-summary").inner_text()
    assert_accessible(page, "review-compare-error")

    # The actions register and the quarters.
    page.get_by_role("link", name="Actions register").first.click()
    assert page.locator("h1").inner_text() == "Actions register"
    assert_accessible(page, "review-actions-register")
    page.goto(f"{live_server.url}/quarters/")
    assert_accessible(page, "review-quarter-list")
    page.get_by_role("link", name="Create a quarter").click()
    page.get_by_role("button", name="Create the quarter").click()
    summary = page.locator(".govuk-error-summary")
    assert "Select the financial year" in summary.inner_text()
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
    threats = sorted(rows.locator("th").all_inner_texts())
    assert threats == [
        "Child Sexual Abuse",
        "National Cyber Security Incident",
        "Serious and Organised Crime",
    ]
    page.get_by_role("link", name="Child Sexual Abuse").click()
    assert page.get_by_role("button", name=re.compile("Sign off|Return|Reopen")).count() == 0
    assert "History" in page.locator("main").inner_text()
    assert_accessible(page, "review-detail-chief-officer")
    _sign_out(page)

    sign_in("pcc.office")
    page.get_by_role("link", name="Quarter board").first.click()
    assert page.locator(".review-heatmap tbody tr").count() == 6
    assert "Not signed off yet" in page.locator(".review-heatmap").inner_text()
    assert "ubmitted" not in page.locator(".review-heatmap tbody").inner_text()
    page.get_by_label("Quarter", exact=True).select_option(label="2015/16 Q3")
    page.get_by_role("button", name="Show quarter").click()
    page.get_by_role("link", name="Terrorism").click()
    assert "SHA-256 fingerprint" in page.locator("main").inner_text()
    assert page.locator("#history").count() == 0
    assert_accessible(page, "review-detail-pcc-office")
