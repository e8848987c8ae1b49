"""The e-mail settings page and the home page's "Waiting for you" in the browser: reached
from the header, used from the keyboard, axe on every state (saved, refused)."""

import re

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
    # Only what can reach a business lead: nothing meant for the SPR lead or the office.
    expect(page.locator("input[name=wanted]:checked")).to_have_count(3)
    expect(page.get_by_label(Notice.PUBLISHED.label)).to_have_count(0)
    assert_accessible(page, "email-settings")

    box = page.get_by_label(Notice.SIGNED_OFF.label)
    box.focus()
    page.keyboard.press("Space")
    expect(box).not_to_be_checked()
    page.get_by_role("button", name="Save e-mail settings").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Your e-mail settings are saved."
    )
    expect(page.get_by_label(Notice.SIGNED_OFF.label)).not_to_be_checked()
    assert list(EmailOptOut.objects.values_list("notice", flat=True)) == [Notice.SIGNED_OFF]
    assert_accessible(page, "email-settings-saved")

    # A forged choice (a return cannot be turned off) is refused with the error summary.
    page.locator("#id_wanted").evaluate("box => { box.value = 'returned'; box.checked = true; }")
    page.get_by_role("button", name="Save e-mail settings").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Choose only from the e-mails listed")
    expect(page).to_have_title(re.compile(r"^Error: "))
    assert_accessible(page, "email-settings-error")


def test_a_return_and_a_resubmission_through_the_pages_email_and_list_the_right_people(
    page, live_server, sign_in, quarter, threat, business_lead, spr_lead, mailoutbox
):
    AssessmentFactory(threat=threat, quarter=quarter, submitted=True, lead=business_lead)
    assert [(m.to, m.subject) for m in mailoutbox] == [
        (
            [spr_lead.email],
            "[OFFICIAL-SENSITIVE] Submitted for review: Child Sexual Abuse, 2015/16 Q4",
        )
    ]
    mailoutbox.clear()
    sign_in(spr_lead.username, TEST_PASSWORD)
    expect(page.locator("#for-my-review")).to_contain_text("Child Sexual Abuse, 2015/16 Q4")
    page.locator("#for-my-review").get_by_role("link").click()
    page.get_by_label("Overall comment").fill("Give the number of trained officers.")
    page.get_by_role("button", name="Return for revision").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("returned for revision")
    assert [(m.to, m.subject) for m in mailoutbox] == [
        (
            [business_lead.email],
            "[OFFICIAL-SENSITIVE] Returned for revision: Child Sexual Abuse, 2015/16 Q4",
        )
    ]
    page.get_by_role("button", name="Sign out").click()

    sign_in(business_lead.username, TEST_PASSWORD)
    page.locator("#returned-to-me").get_by_role("link").click()
    page.get_by_role("button", name="Check your answers and submit").click()
    page.get_by_label(
        "I confirm this is an accurate self-assessment of Child Sexual Abuse for 2015/16 Q4"
    ).check()
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("You submitted")
    assert [(m.to, m.subject) for m in mailoutbox[1:]] == [
        (
            [spr_lead.email],
            "[OFFICIAL-SENSITIVE] Submitted again for review: Child Sexual Abuse, 2015/16 Q4",
        )
    ]
    page.get_by_role("button", name="Sign out").click()

    sign_in(spr_lead.username, TEST_PASSWORD)
    expect(page.locator("#for-my-review")).to_contain_text("submitted again after a return")
    assert_accessible(page, "home-for-my-review")
