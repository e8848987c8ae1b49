"""The business lead's journey in Chromium: lead.ppu drafts, is told what is
missing, completes, checks the answers of, submits, withdraws and submits again the Child
Sexual Abuse self-assessment for 2015/16 Q4, meets a concurrent edit, revises it when
returned, and cannot open Terrorism's. axe-core checks every page of the journey, error states
included; one section is filled in with the keyboard alone."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)

CSA = "Child Sexual Abuse"
NARRATIVE = "The unit has the specialist officers it needs for this level this quarter."


def _csa_assessment():
    from assessments.models import Assessment

    return Assessment.objects.get(threat__slug="child-sexual-abuse", quarter__is_open=True)


def _go_to_my_assessments(page):
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="My assessments").click()
    page.wait_for_load_state()


def _click(page, role, name, **kwargs):
    page.get_by_role(role, name=name, **kwargs).click()
    page.wait_for_load_state()


def _fill_graded_section(page, label, grade="Adequate"):
    _click(page, "link", label, exact=True)
    page.get_by_label(grade, exact=True).check()
    page.get_by_label("Narrative").fill(NARRATIVE)
    _click(page, "button", "Save and return to the task list")
    _quietly_saved(page)


def _quietly_saved(page):
    """A section save moves on (to the task list, or the next section) without a success
    banner taking the focus: GOV.UK keeps that for the end of a task."""
    expect(page.locator(".govuk-notification-banner")).to_have_count(0)
    assert page.evaluate("document.activeElement === document.body")


def _walk_section_with_the_keyboard(page, live_server, url):
    """Tab to the grade, Space and arrows to choose it, Tab to the narrative, type, Tab to
    the button, Enter: no mouse anywhere."""
    page.goto(live_server.url + url)
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "capacity_regional_grade":
            break
    else:
        pytest.fail("Tab never reached the grade radios")
    page.keyboard.press("Space")  # the first radio: Outstanding
    page.keyboard.press("ArrowDown")  # arrows move within the group: Good
    expect(page.get_by_label("Good", exact=True)).to_be_checked()
    page.keyboard.press("Tab")
    expect(page.locator('[name="capacity_regional_narrative"]')).to_be_focused()
    page.keyboard.type("Regional capacity improved with the new West Midlands hub.")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Save and continue")).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    _quietly_saved(page)
    # "Save and continue" goes on to the next section of the task list.
    expect(page.locator("h1")).to_have_text("Capacity – national")
    _click(page, "link", "Back to the task list", exact=True)


def test_lead_ppu_drafts_completes_and_submits_the_csa_self_assessment(
    page, live_server, demo, sign_in
):
    sign_in("lead.ppu")
    _go_to_my_assessments(page)
    expect(page.locator("h1")).to_have_text("My assessments")
    expect(page.get_by_role("row", name=re.compile(CSA)).first).to_contain_text("Not started")
    assert_accessible(page, "lead-my-assessments")

    # Start, first forgetting to choose how.
    _click(page, "link", f"Start the {CSA} self-assessment")
    assert_accessible(page, "lead-start")
    _click(page, "button", "Start self-assessment")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose how to start")
    assert_accessible(page, "lead-start-error")
    page.get_by_label("Start with an empty self-assessment").check()
    _click(page, "button", "Start self-assessment")
    assert_accessible(page, "lead-task-list")

    # A partial draft: one section, with last quarter's answer beside it.
    _click(page, "link", "Capacity – local", exact=True)
    expect(page.locator(".portal-previous")).to_contain_text("Last signed off: 2015/16 Q3")
    page.get_by_label("Good", exact=True).check()
    page.get_by_label("Narrative").fill("Two more specialist teams joined the unit.")
    expect(page.locator(".govuk-character-count__status")).to_have_text(
        "You have 1,958 characters remaining"
    )
    assert_accessible(page, "lead-section-last-quarter")
    _click(page, "button", "Save and return to the task list")
    expect(page.locator("#task-capacity_local-status")).to_have_text("Completed")

    # Checking the answers early lists everything still missing, each linked to its field.
    _click(page, "button", "Check your answers and submit")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("You cannot submit it yet")
    expect(summary.get_by_role("link")).to_have_count(18)
    expect(page.get_by_role("button", name="Submit for review")).to_have_count(0)
    assert_accessible(page, "lead-submit-errors")
    _click(page, "link", "Choose a grade for Capacity – regional")
    expect(page.locator("#id_capacity_regional_grade-error")).to_be_visible()
    assert_accessible(page, "lead-section-errors")
    _walk_section_with_the_keyboard(page, live_server, _path(page))

    for label in (
        "Capacity – national",
        "Contribution – local",
        "Contribution – regional",
        "Contribution – national",
        "Capability",
        "Consistency",
        "Connectivity",
    ):
        _fill_graded_section(page, label)
    _click(page, "link", "Evidence and capability framework")
    page.get_by_label("Operational experience").check()
    page.get_by_label("Strategic Threat and Risk Assessment (STRA)").check()
    page.get_by_label("None exists yet").check()
    _click(page, "button", "Save and return to the task list")
    _click(page, "link", "Summary for the board report")
    page.get_by_label("Summary for the board report").fill(
        "The force has invested in specialist officers <script>alert(1)</script> and the "
        "working strategy for the threat is nearly complete."
    )
    _click(page, "button", "Save and return to the task list")

    _concurrent_edit_is_refused_and_recovered(page, live_server)
    _actions_are_added_and_closed(page)

    _check_answers_submit_and_withdraw(page)
    _submit_with_the_declaration(page)
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        f"You submitted the {CSA} self-assessment for 2015/16 Q4 for review."
    )
    expect(page.get_by_role("row", name=re.compile(f"^{CSA}")).first).to_contain_text("Submitted")
    assert_accessible(page, "lead-submitted")
    _click(page, "link", f"View the {CSA} self-assessment")
    expect(page.locator("main")).to_contain_text("<script>alert(1)</script>")
    assert_accessible(page, "lead-read-only")

    _returned_assessment_is_revised_and_resubmitted(page, live_server)
    _terrorism_is_out_of_reach(page, live_server)


DECLARATION = f"I confirm this is an accurate self-assessment of {CSA} for 2015/16 Q4"


def _submit_with_the_declaration(page):
    _click(page, "button", "Check your answers and submit")
    page.get_by_label(DECLARATION).check()
    _click(page, "button", "Submit for review")


def _check_answers_submit_and_withdraw(page):
    """Check your answers, the declaration forgotten then given, and the submission withdrawn
    before anyone has started reviewing it."""
    _click(page, "button", "Check your answers and submit")
    expect(page.locator("h1")).to_have_text("Check your answers before submitting")
    expect(page.locator("main")).to_contain_text("<script>alert(1)</script>")
    # One summary card per section, its "Change" in the card's title bar.
    capability = page.get_by_role("heading", name="Capability", exact=True)
    card = page.locator(".govuk-summary-card").filter(has=capability)
    expect(card.get_by_role("link", name="Change Capability", exact=True)).to_be_visible()
    assert_accessible(page, "lead-check-answers")
    _click(page, "button", "Submit for review")
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Confirm that this is an accurate self-assessment before you submit it"
    )
    assert_accessible(page, "lead-declaration-error")
    page.get_by_label(DECLARATION).check()
    _click(page, "button", "Submit for review")
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "You can withdraw it until the SPR lead starts reviewing it."
    )
    _click(page, "link", f"View the {CSA} self-assessment")
    _click(page, "button", "Withdraw the submission")
    expect(page.locator("h1")).to_have_text("Withdraw the submission?")
    assert_accessible(page, "lead-withdraw")
    _click(page, "button", "Withdraw the submission")
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        f"You withdrew the {CSA} self-assessment for 2015/16 Q4."
    )
    assert_accessible(page, "lead-withdrawn")


def _path(page) -> str:
    return "/" + page.url.split("/", 3)[3].split("?")[0]


def _concurrent_edit_is_refused_and_recovered(page, live_server):
    url = live_server.url + f"/my-assessments/{_csa_assessment().pk}/sections/risks/"
    page.goto(url)
    colleague = page.context.new_page()
    colleague.goto(url)
    colleague.get_by_label("What are the risks").fill("Funding for the CSE co-ordinators ends.")
    colleague.get_by_role("button", name="Save and return to the task list").click()
    colleague.wait_for_load_state()
    colleague.close()

    page.get_by_label("What are the risks").fill("Two specialist officers leave in April.")
    _click(page, "button", "Save and return to the task list")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Someone else saved")
    expect(page.locator("#typed-risks")).to_have_value("Two specialist officers leave in April.")
    expect(page.locator("#id_risks")).to_have_value("Funding for the CSE co-ordinators ends.")
    assert_accessible(page, "lead-concurrent-edit")
    page.locator("#id_risks").fill(
        "Funding for the CSE co-ordinators ends. Two specialist officers leave in April."
    )
    _click(page, "button", "Save and return to the task list")
    _quietly_saved(page)
    expect(page.locator("#task-risks-status")).not_to_have_text("Not started")


def _actions_are_added_and_closed(page):
    _click(page, "link", "Improvement actions")
    assert_accessible(page, "lead-actions")
    _click(page, "button", "Add an improvement action")
    _click(page, "button", "Add action")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the due date")
    assert_accessible(page, "lead-action-errors")
    page.get_by_label("What needs to be done").fill(
        "Train every LPU in the new CSE referral route."
    )
    page.get_by_label("Owner").fill("DCI Public Protection")
    page.get_by_label("Day").fill("30")
    page.get_by_label("Month").fill("6")
    page.get_by_label("Year").fill("2016")
    _click(page, "button", "Add action")
    _click(page, "button", re.compile("^Close action: Complete the working strategy"))
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("closed")
    page.get_by_role("link", name="Back to the task list").first.click()
    page.wait_for_load_state()


def _returned_assessment_is_revised_and_resubmitted(page, live_server):
    from django.contrib.auth import get_user_model

    from assessments import services

    services.assessment_return(
        assessment=_csa_assessment(),
        actor=get_user_model().objects.get(username="acc.security"),
        comment="Say how the new teams change local capacity.",
        section_comments={"capacity_local": "Give the number of specialist officers."},
    )
    _go_to_my_assessments(page)
    _click(page, "link", f"Revise the {CSA} self-assessment")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Say how the new teams change local capacity."
    )
    expect(page.locator("#task-capacity_local-hint")).to_contain_text("Reviewer commented")
    assert_accessible(page, "lead-returned")
    _click(page, "link", "Capacity – local", exact=True)
    expect(page.locator("main")).to_contain_text("Give the number of specialist officers.")
    assert_accessible(page, "lead-returned-section")
    page.get_by_label("Narrative").fill("Forty-two specialist officers now work in the unit.")
    _click(page, "button", "Save and return to the task list")
    _submit_with_the_declaration(page)
    expect(page.get_by_role("row", name=re.compile(f"^{CSA}")).first).to_contain_text("Submitted")


def _terrorism_is_out_of_reach(page, live_server):
    from assessments.models import Assessment, Quarter

    terrorism = Assessment.objects.filter(threat__slug="terrorism").first()
    response = page.goto(f"{live_server.url}/my-assessments/{terrorism.pk}/")
    assert response.status == 404
    open_quarter = Quarter.objects.get(is_open=True)
    response = page.goto(f"{live_server.url}/my-assessments/start/{open_quarter.pk}/terrorism/")
    assert response.status == 404
