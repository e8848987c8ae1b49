"""Accounts in the browser: the administrator gives a role from the keyboard, a user changes
their password, the lock-out page, and the timeout warning; axe on every page and state."""

import base64
import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DEMO_PASSWORD, assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_administrator_gives_a_role_from_the_keyboard(page, live_server, demo, sign_in):
    sign_in("admin")
    page.get_by_role("link", name="Manage users").first.click()
    expect(page.get_by_role("heading", name="Manage users")).to_be_visible()
    assert_accessible(page, "users")
    page.get_by_role("link", name="acc.crime").click()
    assert_accessible(page, "user-detail")
    box = page.get_by_label("PCC office")  # the role in the demo force's words
    box.focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Save roles").focus()
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Granted PCC office")
    expect(page.locator("table")).to_contain_text("Granted PCC office")
    assert_accessible(page, "user-detail-saved")
    page.goto(f"{live_server.url}/accounts/users/")
    page.get_by_role("link", name="admin", exact=True).click()
    expect(page.locator("main")).to_contain_text("This is your own account")
    expect(page.get_by_role("button", name="Save roles")).to_have_count(0)


def test_a_user_changes_their_password(page, live_server, demo, sign_in):
    sign_in("lead.ppu")
    page.get_by_role("link", name="Change password").click()
    assert_accessible(page, "password-change")
    page.get_by_label("Old password").fill("wrong")
    page.get_by_role("button", name="Change password").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("There is a problem")
    assert_accessible(page, "password-change-error")
    page.get_by_label("Old password").fill(DEMO_PASSWORD)
    page.get_by_label("New password", exact=True).fill("a-new-passphrase-for-ppu")
    page.get_by_label("New password confirmation").fill("a-new-passphrase-for-ppu")
    page.get_by_role("button", name="Change password").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("password has been changed")


def test_the_lock_out_page(page, live_server, demo, sign_in):
    for _ in range(5):
        sign_in("lead.ppu", "not-the-password")
    expect(page.get_by_role("heading", name="Sign-in locked for 15 minutes")).to_be_visible()
    assert_accessible(page, "locked-out")


def test_the_timeout_warning_then_sign_out(page, live_server, demo, sign_in):
    """The real limits (30 minutes idle, the warning 2 minutes before) on the page's own clock,
    fast-forwarded, with the server's session aged to match."""
    page.clock.install()
    sign_in("pcc.office")
    dialog = page.locator("#timeout-warning")
    expect(dialog).to_be_hidden()
    page.clock.run_for("27:59")
    expect(dialog).to_be_hidden()
    page.clock.run_for("00:02")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("You’re about to be signed out")
    expect(dialog).to_contain_text("2 minutes")
    expect(page.get_by_role("button", name="Stay signed in")).to_be_focused()
    assert_accessible(page, "timeout-warning")
    page.keyboard.press("Enter")
    expect(dialog).to_be_hidden()
    # The server kept the session: a page still opens.
    page.goto(f"{live_server.url}/reports/")
    expect(page).to_have_url(f"{live_server.url}/reports/")
    # Left alone, the warning comes back, counts down, and the user ends on the sign-in page.
    page.clock.run_for("28:01")
    expect(dialog).to_be_visible()
    page.clock.run_for("01:30")
    # (the page's clock also runs on in real time, so the seconds left are about 30)
    countdown = dialog.locator(".portal-timeout__countdown")
    expect(countdown).to_have_text(re.compile(r"^\d\d? seconds$"))
    _idle_on_the_server(page, minutes=30)
    page.clock.run_for("00:35")
    page.wait_for_url(re.compile(r"/accounts/login/"))
    expect(page.locator("main")).to_contain_text("You were signed out because you had not done")
    page.goto(f"{live_server.url}/reports/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))


def _idle_on_the_server(page, minutes: int) -> None:
    """The same minutes pass for the server as for the page: its session was last seen and
    signed into that much earlier."""
    from importlib import import_module

    from django.conf import settings

    from accounts.sessions import LAST_SEEN, SIGNED_IN_AT

    cookies = {cookie["name"]: cookie["value"] for cookie in page.context.cookies()}
    session = import_module(settings.SESSION_ENGINE).SessionStore(
        session_key=cookies[settings.SESSION_COOKIE_NAME]
    )
    for key in (LAST_SEEN, SIGNED_IN_AT):
        session[key] -= minutes * 60
    session.save()


def test_the_spr_lead_sets_up_and_uses_a_second_factor(page, live_server, demo, sign_in, settings):
    from django_otp.oath import TOTP

    settings.SECOND_FACTOR_REQUIRED = True
    sign_in("acc.security")
    expect(page.get_by_role("heading", name="Set up two-factor authentication")).to_be_visible()
    assert_accessible(page, "two-factor-setup")
    key = page.locator(".portal-key").inner_text()
    code = f"{TOTP(base64.b32decode(key)).token():06d}"
    page.get_by_label("Code from the app").fill(code)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Your recovery codes")).to_be_visible()
    assert_accessible(page, "recovery-codes")
    recovery = page.locator(".portal-recovery-codes code").first.inner_text()
    page.get_by_role("link", name="Continue").click()
    expect(page).to_have_url(f"{live_server.url}/")
    page.get_by_role("button", name="Sign out").click()
    sign_in("acc.security")
    expect(page.get_by_role("heading", name="Enter your security code")).to_be_visible()
    assert_accessible(page, "two-factor-verify")
    page.get_by_label("Security code").fill(recovery)
    page.keyboard.press("Enter")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("recovery code")
    expect(page).to_have_url(f"{live_server.url}/")
