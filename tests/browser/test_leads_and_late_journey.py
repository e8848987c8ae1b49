"""Who leads and until when, in Chromium: reopening in a closed quarter grants a late
submission with its own deadline; deactivating a department's only business lead warns
first; the board says "No active lead"; the SPR lead names a dated stand-in from there, who
then works on that department's self-assessment. axe-core finds nothing on any page or state."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


def _click(page, role, name, **kwargs):
    page.get_by_role(role, name=name, **kwargs).first.click()
    page.wait_for_load_state()


def _type_date(page, legend: str, day: datetime.date):
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def test_reopening_in_a_closed_quarter_grants_a_late_submission(page, live_server, demo, sign_in):
    from assessments.models import Assessment, LateSubmissionGrant

    # 2015/16 Q3 is closed, signed off and reported in the published paper of February 2016.
    signed = Assessment.objects.get(
        quarter__financial_year=2015,
        quarter__number=3,
        threat__owning_department__short_name="PPU",
    )
    sign_in("acc.security")
    page.goto(live_server.url + reverse("assessments:assessment_reopen", args=[signed.pk]))
    main = page.locator("main")
    expect(main.locator("#late-explained")).to_contain_text(
        "can edit a reopened self-assessment but not submit it again"
    )
    assert_accessible(page, "reopen-closed-quarter")
    _click(page, "button", "Reopen")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter the reason for reopening")
    expect(summary).to_contain_text("Enter the date the late submission ends")
    expect(page).to_have_title(re.compile("^Error: "))
    assert_accessible(page, "reopen-closed-quarter-error")

    until = timezone.localdate() + datetime.timedelta(days=10)
    page.get_by_label("Why are you reopening").fill("The regional figures were wrong.")
    _type_date(page, "Date the late submission ends", until)
    page.get_by_label("I understand: reopen it although it is in a published paper").check()
    _click(page, "button", "Reopen")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        f"may submit it again until the end of {until:%-d %B %Y}"
    )
    assert LateSubmissionGrant.objects.get(threat=signed.threat).deadline == until


def test_a_leaver_is_warned_about_shown_on_the_board_and_stood_in_for(
    page, live_server, demo, sign_in
):
    # The administrator deactivates the Public Protection Unit's only business lead.
    sign_in("admin")
    page.goto(f"{live_server.url}/accounts/users/")
    _click(page, "link", "lead.ppu", exact=True)
    expect(page.locator("#unled-warning")).to_contain_text(
        "is the only active business lead of Public Protection Unit"
    )
    assert_accessible(page, "user-only-lead-warning")
    _click(page, "button", "Deactivate account")
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Confirm that Public Protection Unit will be left without an active business lead"
    )
    assert_accessible(page, "user-only-lead-error")
    page.get_by_label(re.compile("^Deactivate anyway")).check()
    _click(page, "button", "Deactivate account")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("is deactivated")
    _click(page, "button", "Sign out")

    # The SPR lead sees it on the board and names a stand-in from there.
    sign_in("acc.security")
    page.goto(live_server.url + reverse("assessments:quarter_board_current"))
    no_lead = page.locator("[data-no-lead]")
    expect(no_lead.first).to_contain_text("No active lead")
    assert_accessible(page, "board-no-active-lead")
    _click(page, "link", "Name a stand-in for Public Protection Unit")
    expect(page.locator("h1")).to_have_text("Business lead stand-ins")
    expect(page.get_by_label("Which department?")).to_have_value(str(_department_id("PPU")))
    assert_accessible(page, "stand-ins")
    _click(page, "button", "Name the stand-in")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select who stands in")
    assert_accessible(page, "stand-ins-error")
    today = timezone.localdate()
    page.get_by_label("Who stands in as its business lead?").select_option(
        label="Daniel Price (lead.intel)"
    )
    _type_date(page, "First day they stand in", today)
    _type_date(page, "Last day they stand in", today + datetime.timedelta(days=13))
    page.get_by_label("Why do they stand in?").fill("Until a new head of the unit starts.")
    _click(page, "button", "Name the stand-in")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Daniel Price stands in as business lead of Public Protection Unit"
    )
    expect(page.locator("[data-stand-ins=coming]")).to_contain_text("Acting until")
    assert_accessible(page, "stand-ins-named")
    page.goto(live_server.url + reverse("assessments:quarter_board_current"))
    expect(page.locator("main")).to_contain_text("Daniel Price (stand-in until")
    _click(page, "button", "Sign out")

    # The stand-in works on the unit's threat as well as their own department's.
    sign_in("lead.intel")
    page.goto(live_server.url + reverse("assessments:my_assessments"))
    expect(page.locator(".govuk-caption-l")).to_contain_text("Public Protection Unit")
    expect(page.locator("main")).to_contain_text("Child Sexual Abuse")
    assert_accessible(page, "stand-in-my-assessments")


def _department_id(short_name: str) -> int:
    from threats.models import Department

    return Department.objects.get(short_name=short_name).pk
