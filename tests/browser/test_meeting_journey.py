"""The quarterly meeting in Chromium (issue 27): the chief officer lead endorses a submission
of their portfolio on the board; the SPR lead records the 2015/16 Q4 meeting (its agenda from
the quarter, attendance with a refused entry, two decisions through the review services, one
action raised) and approves the last meeting's minutes; the action's owner closes it. axe-core
at 1280 and 390px on every page of the way."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from assessments import services
from assessments.choices import ActionStatus, Status
from assessments.models import Assessment, ImprovementAction, Meeting, Quarter
from tests.browser.conftest import assert_accessible
from threats.models import NationalThreat

pytestmark = pytest.mark.django_db(transaction=True)

RATIONALE_SIGN = "The grades rest on the Operation Cygnet exercise; agreed."
RATIONALE_RETURN = "Give the regional unit's figures for the organised crime groups mapped."
ACTION = "Brief every local policing area on the new CSE referral pathway."


def _submitted(slug: str, username: str) -> Assessment:
    lead = get_user_model().objects.get(username=username)
    quarter = Quarter.objects.get(is_open=True)
    threat = NationalThreat.objects.get(slug=slug)
    assessment = services.assessment_start(
        threat=threat, quarter=quarter, actor=lead, from_previous=True
    )
    return services.assessment_submit(assessment=assessment, actor=lead)


def _both_widths(page, name: str) -> None:
    assert_accessible(page, name)
    page.set_viewport_size({"width": 390, "height": 844})
    assert_accessible(page, f"{name}-narrow")
    page.set_viewport_size({"width": 1280, "height": 720})


def _sign_out(page):
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()


def test_a_quarters_meeting(page, live_server, demo, sign_in):
    csa = _submitted("child-sexual-abuse", "lead.ppu")
    soc = _submitted("serious-organised-crime", "lead.cid")

    # Before the meeting: the chief officer lead endorses their portfolio's submission.
    sign_in("acc.crime")
    page.get_by_role("link", name="Quarter board").first.click()
    page.get_by_role("link", name=re.compile("Endorse.*Child Sexual Abuse")).click()
    expect(page.locator("h1")).to_have_text("Endorse a self-assessment")
    _both_widths(page, "meeting-endorse")
    page.get_by_role("button", name="Endorse").click()
    expect(page.locator("tr", has_text="Child Sexual Abuse")).to_contain_text(
        "Endorsed by Sam Okafor"
    )
    _sign_out(page)

    # The meeting: recorded from the list, its agenda generated from the quarter.
    sign_in("acc.security")
    page.get_by_role("link", name="Meetings").first.click()
    expect(page.locator("h1")).to_have_text("Quarterly meetings")
    _both_widths(page, "meeting-list")
    page.get_by_role("button", name="Record the meeting of 2015/16 Q4").click()
    expect(page.locator("h1")).to_have_text("2015/16 Q4 meeting")
    agenda = page.locator("[data-meeting=agenda]")
    expect(agenda.locator("tr", has_text="Child Sexual Abuse")).to_contain_text("Submitted")
    expect(agenda.locator("tr", has_text="Child Sexual Abuse")).to_contain_text("Endorsed by")
    expect(agenda.locator("tr", has_text="Terrorism")).to_contain_text("Not started")
    # The last meeting's open action is carried onto its item.
    expect(agenda).to_contain_text("Open action from 2015/16 Q3")

    # Attendance: a visitor without a name is refused, what was typed kept.
    page.get_by_label("Present", exact=True).check()
    page.get_by_label("Their post").fill("Regional SPR coordinator")
    page.get_by_role("button", name="Add to the attendance").click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the person's name")
    expect(page.get_by_label("Their post")).to_have_value("Regional SPR coordinator")
    _both_widths(page, "meeting-attendance-error")
    page.get_by_label("Or their name").fill("Dana Whitfield")
    page.get_by_role("button", name="Add to the attendance").click()
    page.get_by_label("Apologies", exact=True).check()
    page.get_by_label("Someone from the portal").select_option(label="Jo Bennett")
    page.get_by_role("button", name="Add to the attendance").click()
    expect(page.locator("[data-attendance=present]")).to_contain_text("Dana Whitfield")
    expect(page.locator("[data-attendance=apologies]")).to_contain_text("Jo Bennett")

    # Two decisions, made through the review services.
    page.get_by_role("link", name="Record the decision on Child Sexual Abuse").click()
    _both_widths(page, "meeting-decision")
    page.get_by_label("Signed off").check()
    page.get_by_label("Why").fill(RATIONALE_SIGN)
    page.get_by_role("button", name="Record the decision").click()
    page.get_by_role("link", name="Record the decision on Serious and Organised Crime").click()
    page.get_by_label("Returned").check()
    page.get_by_label("Why").fill(RATIONALE_RETURN)
    page.get_by_role("button", name="Record the decision").click()
    expect(agenda.locator("tr", has_text="Child Sexual Abuse")).to_contain_text(RATIONALE_SIGN)
    csa.refresh_from_db()
    soc.refresh_from_db()
    assert csa.status == Status.SIGNED_OFF and soc.status == Status.RETURNED

    # One action, owned by the business lead.
    page.get_by_label("Agenda item").select_option(label="Child Sexual Abuse")
    page.get_by_label("Action", exact=True).fill(ACTION)
    page.get_by_label("Owner").select_option(label="Rachel Hughes")
    due = page.get_by_role("group", name="Due date")
    due.get_by_label("Day").fill("30")
    due.get_by_label("Month").fill("6")
    due.get_by_label("Year").fill("2016")
    page.get_by_role("button", name="Raise the action").click()
    expect(agenda.locator("tr", has_text="Child Sexual Abuse")).to_contain_text(ACTION)
    _both_widths(page, "meeting-record")

    # The last meeting's minutes, approved at this one.
    page.get_by_role("button", name="Approve the 2015/16 Q3 minutes").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("are approved")
    assert Meeting.objects.get(quarter__financial_year=2015, quarter__number=3).is_approved
    _sign_out(page)

    # Between quarters: the owner closes the action.
    sign_in("lead.ppu")
    page.get_by_role("link", name="Meetings").first.click()
    owned = page.locator("[data-meeting-actions=owned]")
    owned.locator("tr", has_text=ACTION).get_by_role("link", name=re.compile("Update")).click()
    _both_widths(page, "meeting-action-update")
    page.get_by_label("Closed").check()
    page.get_by_role("textbox", name="Progress").fill("Every area briefed by 20 June.")
    page.get_by_role("button", name="Save the update").click()
    expect(owned.locator("tr", has_text=ACTION)).to_contain_text("Closed")
    action = ImprovementAction.objects.get(description=ACTION)
    assert action.status == ActionStatus.CLOSED and action.closed_on is not None
