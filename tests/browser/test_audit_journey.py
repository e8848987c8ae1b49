"""The audit trail in Chromium: the SPR lead closes a quarter, finds it on the audit log by
filtering, by keyboard alone, and checks the integrity of the stored evidence. axe-core on
every page and state."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_spr_lead_finds_a_change_on_the_audit_log(demo, page, live_server, sign_in):
    sign_in("acc.security")
    page.goto(f"{live_server.url}/quarters/")
    # Closing goes through the page that lists what is unfinished, then the confirmation.
    page.get_by_role("link", name="Close 2015/16 Q4").click()
    page.get_by_role("button", name="Close 2015/16 Q4").click()
    expect(page.get_by_text("2015/16 Q4 is closed to submissions.")).to_be_visible()

    page.get_by_role("link", name="Audit log").click()
    expect(page).to_have_title(re.compile("^Audit log"))
    assert_accessible(page, "audit-log")

    # Filter, then submit from the keyboard.
    page.get_by_label("What was done").select_option(label="Quarter closed")
    page.get_by_role("button", name="Filter the log").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_have_text("1 record matches the filters.")
    row = page.locator("table.audit-log tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("acc.security")
    expect(row).to_contain_text("Closed to submissions")
    assert_accessible(page, "audit-log-filtered")

    # A date that does not exist is explained, not a failure.
    page.get_by_label("Day").first.fill("31")
    page.get_by_label("Month").first.fill("2")
    page.get_by_label("Year").first.fill("2016")
    page.get_by_role("button", name="Filter the log").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("The from must be a real date")
    assert_accessible(page, "audit-log-error")

    page.goto(f"{live_server.url}/reports/")
    page.get_by_role("link", name=re.compile("Check the integrity")).click()
    expect(page.get_by_role("heading", name="Integrity holds")).to_be_visible()
    assert_accessible(page, "integrity")
