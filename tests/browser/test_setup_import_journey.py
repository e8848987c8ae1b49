"""The set-up spreadsheet in Chromium: the administrator uploads a file with a bad row (the
error summary names its sheet and row), then the example force's workbook (the dry run), imports
it, and uploads it again (nothing to change). axe-core finds nothing at 390 and 1280 px."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "force-setup.xlsx"
WIDTHS = (1280, 390)


def _accessible_at_both_widths(page, name: str) -> None:
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        assert_accessible(page, f"{name}-{width}")
    page.set_viewport_size({"width": 1280, "height": 900})


def _upload(page, path) -> None:
    page.get_by_label("Upload the set-up spreadsheet").set_input_files(str(path))
    page.get_by_role("button", name="Check the file").click()
    page.wait_for_load_state()


def test_the_set_up_spreadsheet(page, live_server, current_demo, sign_in, tmp_path):
    sign_in("admin")
    page.goto(f"{live_server.url}/set-up/import/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Import the force's set-up from a spreadsheet"
    )
    _accessible_at_both_widths(page, "setup-import")

    bad = tmp_path / "departments.csv"
    bad.write_text("Department,Short name,Cross-cutting\nOne,X1,Maybe\nTwo,X2,No\nThree,X2,No\n")
    _upload(page, bad)
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("departments, row 2: Cross-cutting is “Maybe”: Yes or No")
    expect(summary).to_contain_text("departments, row 4: the short name X2 is on row 3 too")
    _accessible_at_both_widths(page, "setup-import-errors")

    _upload(page, EXAMPLE)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Check what the spreadsheet would change"
    )
    expect(page.get_by_role("table", name="Departments")).to_contain_text(
        "Public Protection Command (PPC)"
    )
    _accessible_at_both_widths(page, "setup-import-check")
    page.get_by_role("button", name="Import these changes").click()
    page.wait_for_load_state()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "force-setup.xlsx imported: departments: 8 added"
    )

    _upload(page, EXAMPLE)
    expect(page.locator(".govuk-inset-text")).to_contain_text("Nothing to change")
    expect(page.get_by_role("button", name="Import these changes")).to_have_count(0)
