"""The e-mail settings page and the home page's "Waiting for you" in the browser: reached
from the header, used from the keyboard, axe on every state (saved, refused)."""

import pytest
from playwright.sync_api import expect

from accounts.models import EmailOptOut, Notice
from tests.browser.conftest import assert_accessible
from tests.factories import TEST_PASSWORD, AssessmentFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_lead_sees_what_waits_and_turns_an_email_off_from_the_keyboard(
    page, live_server, sign_in, quarter, threat, business_lead, spr_lead
):
    AssessmentFactory(threat=threat, quarter=quarter, returned=True, lead=business_lead)
    sign_in(business_lead.username, TEST_PASSWORD)
    waiting = page.locator("#returned-to-me")
    expect(waiting).to_contain_text("Child Sexual Abuse, 2015/16 Q4")
    assert_accessible(page, "home-waiting")

    page.get_by_role("link", name="E-mail settings").click()
    expect(page.get_by_role("heading", name="Your e-mail settings")).to_be_visible()
    expect(page.locator(".govuk-inset-text")).to_contain_text("always e-mailed")
    expect(page.locator("input[name=wanted]:checked")).to_have_count(3)
    assert_accessible(page, "email-settings")

    box = page.get_by_label(Notice.PUBLISHED.label)
    box.focus()
    page.keyboard.press("Space")
    expect(box).not_to_be_checked()
    page.get_by_role("button", name="Save e-mail settings").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Your e-mail settings are saved."
    )
    expect(page.get_by_label(Notice.PUBLISHED.label)).not_to_be_checked()
    assert list(EmailOptOut.objects.values_list("notice", flat=True)) == [Notice.PUBLISHED]
    assert_accessible(page, "email-settings-saved")

    # A forged choice (a return cannot be turned off) is refused with the error summary.
    page.locator("#id_wanted").evaluate("box => { box.value = 'returned'; box.checked = true; }")
    page.get_by_role("button", name="Save e-mail settings").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Choose only from the e-mails listed")
    assert page.title().startswith("Error: ")
    assert_accessible(page, "email-settings-error")
