"""What the SPR expects, in Chromium: the administrator enters a line of the force's own plan
for Child Sexual Abuse under the 2015 SPR (a line without its source refused first) and a
contribution figure; the business lead answers the line and records the figure on the open
quarter's self-assessment and submits; the SPR lead reads both on the review. axe-core at
1280 and 390px on each page."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from assessments import services
from assessments.models import Assessment, Quarter
from tests.browser.conftest import assert_accessible
from threats.models import NationalThreat

pytestmark = pytest.mark.django_db(transaction=True)

LINE = "A specialist team that investigates online child abuse at any hour."
SOURCE = "Force capability plan, child abuse, line 1"
EVIDENCE = "The team covered every shift this quarter; two investigators joined."


def _both_widths(page, name: str) -> None:
    assert_accessible(page, name)
    page.set_viewport_size({"width": 390, "height": 844})
    assert_accessible(page, f"{name}-narrow")
    page.set_viewport_size({"width": 1280, "height": 720})


def _sign_out(page):
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()


def test_a_line_entered_answered_and_reviewed(page, live_server, demo, sign_in):
    # The administrator enters the line, its source required.
    sign_in("admin")
    page.goto(f"{live_server.url}/set-up/what-the-spr-expects/?edition=2015")
    expect(page.locator("h1")).to_have_text("What the SPR expects")
    _both_widths(page, "expectations-set-up")
    page.get_by_role("link", name="Add a line to Child Sexual Abuse").click()
    page.get_by_label("Local").check()
    page.get_by_label("What the edition expects").fill(LINE)
    page.get_by_role("button", name="Add the line").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter where the line comes from")
    expect(page.get_by_label("What the edition expects")).to_have_value(LINE)
    _both_widths(page, "expectations-add-error")
    page.get_by_label("Source").fill(SOURCE)
    page.get_by_role("button", name="Add the line").click()
    expect(page.locator("#threat-child-sexual-abuse")).to_contain_text(SOURCE)
    # And a contribution figure of the force's own, with what it is set against.
    page.get_by_role("link", name="Define a contribution figure for Child Sexual Abuse").click()
    page.get_by_label("Name").fill("Specialist investigators on the rota")
    page.get_by_label("Unit").fill("officers")
    page.get_by_label("At the quarter's end").check()
    page.get_by_label("Set against (optional)").fill("the force's staffing plan")
    _both_widths(page, "figure-set-up")
    page.get_by_role("button", name="Define the figure").click()
    expect(page.locator("body")).to_contain_text("Specialist investigators on the rota (officers")
    _sign_out(page)

    # The business lead answers it on the open quarter's self-assessment.
    lead = get_user_model().objects.get(username="lead.ppu")
    assessment = services.assessment_start(
        threat=NationalThreat.objects.get(slug="child-sexual-abuse"),
        quarter=Quarter.objects.get(is_open=True),
        actor=lead,
        from_previous=True,
    )
    sign_in("lead.ppu")
    page.goto(f"{live_server.url}/my-assessments/{assessment.pk}/")
    expect(page.locator("#expectations-progress")).to_contain_text("0 of 1 line answered")
    page.get_by_role("link", name="What the SPR expects").click()
    expect(page.locator("h1")).to_have_text("What the SPR expects")
    _both_widths(page, "expectations-answer")
    page.get_by_label("In place", exact=True).check()
    page.get_by_role("button", name="Save and return to the task list").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the evidence")
    page.get_by_label("Evidence").fill(EVIDENCE)
    page.get_by_role("textbox", name="Figure (officers)").fill("9")
    page.get_by_role("textbox", name="The force's staffing plan (officers)").fill("12")
    page.get_by_role("button", name="Save and return to the task list").click()
    expect(page.locator("#expectations-progress")).to_contain_text("1 of 1 line answered")
    _sign_out(page)
    services.assessment_submit(assessment=Assessment.objects.get(pk=assessment.pk), actor=lead)

    # The SPR lead reads the answer with the line and its source on the review.
    sign_in("acc.security")
    page.goto(f"{live_server.url}/assessments/{assessment.pk}/review/")
    answers = page.locator("#expectations")
    expect(answers).to_contain_text(LINE)
    expect(answers).to_contain_text(SOURCE)
    expect(answers).to_contain_text("In place")
    expect(answers).to_contain_text(EVIDENCE)
    expect(answers.locator("#figures")).to_contain_text("9 officers")
    expect(answers.locator("#figures")).to_contain_text("12 officers (the force's staffing plan)")
    _both_widths(page, "expectations-review")
