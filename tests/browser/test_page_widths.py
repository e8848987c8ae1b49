"""Screens people use: the quarter board fits 1280 and 1440 px with all nine graded items in
view, and every main page works at 390 px (a phone) without widening the page. Each page is
also checked by axe at 390 px. Screenshots go to test-artifacts/ (or SPR_SCREENSHOTS)."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, assert_accessible

SHOTS = Path(os.environ.get("SPR_SCREENSHOTS") or ARTIFACTS / "screens")

BOARD_WIDTH = """() => {
  const table = document.querySelector('.review-heatmap');
  const box = table.parentElement;
  const heads = [...table.querySelectorAll('thead .review-heatmap__grade-head')];
  table.style.width = 'min-content';  // the narrowest the board can be laid out
  const narrowest = table.scrollWidth;
  table.style.width = '';
  return {narrowest, table: table.scrollWidth, box: box.clientWidth, viewport: window.innerWidth,
          page: document.documentElement.scrollWidth, heads: heads.length,
          rightmost: Math.max(...heads.map(h => h.getBoundingClientRect().right))};
}"""
PAGE_WIDTH = "() => [document.documentElement.scrollWidth, window.innerWidth]"


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _q3():
    from assessments.models import Quarter

    return Quarter.objects.get(financial_year=2015, number=3)


@pytest.mark.parametrize("width", [1280, 1440])
def test_the_quarter_board_fits_the_screen_with_all_nine_items(
    page, live_server, demo, sign_in, width
):
    page.set_viewport_size({"width": width, "height": 900})
    sign_in("acc.security")
    page.goto(f"{live_server.url}/board/{_q3().pk}/")
    expect(page.locator(".review-heatmap tbody tr")).to_have_count(6)
    measured = page.evaluate(BOARD_WIDTH)
    print(f"board at {width}px: {measured}")
    assert measured["heads"] == 9
    assert measured["table"] <= measured["box"], measured  # no scrolling inside the board
    assert measured["page"] <= width, measured  # nor of the page
    assert measured["rightmost"] <= width, measured  # the ninth item is on screen
    # Each level's header names its C for a screen reader.
    expect(page.get_by_role("columnheader", name="Capacity – Regional")).to_have_count(1)
    _shot(page, f"board-{width}")


# (user, name, path or a callable of the live server's URL giving the path)
def _pages():
    from assessments.models import Assessment
    from reports.models import BoardReport

    q3 = _q3()
    signed = Assessment.objects.filter(quarter=q3).order_by("threat__name")
    ppu = signed.filter(threat__owning_department__name__icontains="Public Protection").first()
    published = BoardReport.objects.exclude(status="draft").order_by("-meeting_date").first()
    draft = BoardReport.objects.filter(status="draft").first()
    pages = [
        (None, "sign-in", "/accounts/login/"),
        (None, "help", "/help/"),
        (None, "accessibility", "/accessibility/"),
        (None, "privacy", "/privacy/"),
        (None, "signed-out", "/accounts/signed-out/"),
        ("lead.ppu", "home-business-lead", "/"),
        ("lead.ppu", "my-assessments", "/my-assessments/"),
        ("lead.ppu", "assessment-detail-lead", f"/assessments/{ppu.pk}/"),
        ("acc.security", "home-spr-lead", "/"),
        ("acc.security", "board-current", "/board/"),
        ("acc.security", "assessment-detail", f"/assessments/{signed.first().pk}/"),
        ("acc.security", "compare", f"/assessments/{signed.first().pk}/compare/"),
        ("acc.security", "actions-register", "/actions/"),
        ("acc.security", "quarters", "/quarters/"),
        ("acc.security", "reports", "/reports/"),
        ("acc.security", "report-published", f"/reports/{published.pk}/"),
        ("acc.security", "report-preview", f"/reports/{published.pk}/preview/"),
        ("acc.security", "audit-log", "/audit/"),
        ("acc.security", "integrity", "/reports/integrity/"),
        ("acc.security", "trends", "/board/trends/"),
        ("acc.security", "api-tokens", "/api-tokens/"),
        ("pcc.office", "reports-policing-body-office", "/reports/"),
        ("pcc.office", "board-policing-body-office", "/board/"),
        ("admin", "users", "/accounts/users/"),
    ]
    if draft:
        pages.append(("acc.security", "report-draft", f"/reports/{draft.pk}/"))
    return pages


def test_every_main_page_works_at_390_px_without_widening_the_page(
    page, live_server, demo, sign_in
):
    signed_in_as = None
    widths = {}
    for user, name, path in _pages():
        if user != signed_in_as:
            page.context.clear_cookies()
            page.set_viewport_size({"width": 1280, "height": 900})
            if user:
                sign_in(user)
            signed_in_as = user
        page.set_viewport_size({"width": 1280, "height": 900})
        response = page.goto(live_server.url + path)
        assert response.status == 200, (name, path, response.status)
        _shot(page, f"{name}-1280")
        page.set_viewport_size({"width": 390, "height": 844})
        page.wait_for_function("window.innerWidth === 390")
        scroll, viewport = page.evaluate(PAGE_WIDTH)
        widths[name] = scroll
        _shot(page, f"{name}-390")
        assert scroll <= viewport, f"{name} ({path}) is {scroll}px wide at {viewport}px"
        assert_accessible(page)
    print("document scrollWidth at 390px:", widths)
