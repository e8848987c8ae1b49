"""The force's own pages in Chromium: a business lead records the departments that
contributed to their threat this quarter (with the keyboard), the SPR lead sees them on the
board, and the administrator uploads the crest, first a file that is not an image. axe-core
finds nothing on these pages, error states included; then the mayoral profile's words show."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)

SOC = "Serious and Organised Crime"


def _click(page, role, name, **kwargs):
    page.get_by_role(role, name=name, **kwargs).click()
    page.wait_for_load_state()


def test_contributors_and_the_crest(page, live_server, demo, sign_in, tmp_path):
    sign_in("lead.cid")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="My assessments").click()
    _click(page, "link", f"Start the {SOC} self-assessment")
    page.get_by_label("Start with an empty self-assessment").check()
    _click(page, "button", "Start self-assessment")
    _click(page, "link", "Contributing departments")
    assert_accessible(page, "contributors")
    # Keyboard only: Tab to Firearms, Space to tick it, Enter on the button.
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.labels?.[0]?.innerText") == "Firearms":
            break
    page.keyboard.press("Space")
    page.get_by_role("button", name="Save contributing departments").focus()
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Contributing departments saved"
    )
    expect(page.locator(".govuk-task-list").nth(1)).to_contain_text("Firearms")

    page.get_by_role("button", name="Sign out").click()
    sign_in("acc.security")
    page.goto(f"{live_server.url}/board/")
    expect(page.get_by_role("row", name=re.compile(SOC))).to_contain_text("With Firearms")

    page.get_by_role("button", name="Sign out").click()
    sign_in("admin")
    _click(page, "link", "Crest on the board paper")
    assert_accessible(page, "crest")
    fake = tmp_path / "crest.png"
    fake.write_bytes(b"GIF89a" + b"\x00" * 64)  # a PNG by name only
    page.get_by_label("Add a crest").set_input_files(str(fake))
    _click(page, "button", "Save crest")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("The crest must be a PNG, JPEG or SVG image")
    expect(summary).to_be_focused()
    assert_accessible(page, "crest-error")
    crest = tmp_path / "crest.svg"
    crest.write_text(Path(__file__).with_name("crest.svg").read_text())
    page.get_by_label("Add a crest").set_input_files(str(crest))
    _click(page, "button", "Save crest")
    expect(page.locator(".govuk-summary-list")).to_contain_text("image/svg+xml")


def test_the_mayoral_force_s_words_on_the_pages(page, live_server, demo, sign_in):
    from threats.demo import MAYORAL_FORCE_PROFILE
    from threats.models import ForceProfile

    ForceProfile.objects.update(**MAYORAL_FORCE_PROFILE)
    sign_in("acc.security")
    expect(page.locator("header")).to_contain_text("Greater Manchester Police")
    expect(page.get_by_role("main")).to_contain_text("Police, Fire and Crime Panel")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Board reports").click()
    expect(page.get_by_role("main")).to_contain_text("Mayor's office")
    assert_accessible(page, "mayoral-reports")
