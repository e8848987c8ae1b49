import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)

# username: what the home page must offer that role
HOME_LINKS = {
    "acc.security": ["Quarter board", "Actions register", "Board reports"],
    "acc.crime": ["Quarter board", "Board reports"],
    "acc.operations": ["Quarter board", "Board reports"],
    "pcc.office": ["Quarter board", "Board reports"],
    "admin": ["Administration"],
    "lead.ppu": ["My assessments"],
    "lead.intel": ["My assessments"],
    "lead.ops": ["My assessments"],
    "lead.cid": ["My assessments"],
    "lead.ctu": ["My assessments"],
}


def test_login_page_is_accessible_and_reports_bad_credentials(page, live_server, demo, sign_in):
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(re.compile(re.escape(f"{live_server.url}/accounts/login/")))
    assert_accessible(page, "login")
    sign_in("lead.ppu", "not-the-password")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("There is a problem")
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(summary).to_be_focused()
    assert_accessible(page, "login-error")
    summary.get_by_role("link").first.click()
    expect(page.get_by_label("Username")).to_be_focused()


def test_every_demo_account_signs_in_and_sees_its_home_page(page, live_server, demo, sign_in):
    for username, links in HOME_LINKS.items():
        sign_in(username)
        expect(page, f"{username} was not signed in").to_have_url(f"{live_server.url}/")
        main = page.locator("main")
        for link in links:
            found = main.get_by_role("link", name=link, exact=True)
            expect(found, f"{username}: {link}").to_have_count(1)
        expect(page.locator("header").get_by_text("Signed in as")).to_be_visible()
        assert_accessible(page, f"home-{username}")
        page.get_by_role("button", name="Sign out").click()
        page.wait_for_url(f"{live_server.url}/accounts/signed-out/")


def test_keyboard_alone_reaches_skip_link_and_signs_in(page, live_server, demo):
    page.goto(f"{live_server.url}/accounts/login/")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    expect(page.locator("#id_username")).to_be_focused()
    page.keyboard.type("pcc.office")
    page.keyboard.press("Tab")
    page.keyboard.type("demo-password-for-browser-tests")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/")
    expect(page.locator("main")).to_contain_text("Board reports")
