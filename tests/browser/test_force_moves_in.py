"""A force moves in (issue 26), in Chromium: from an empty database with the one account
`createsuperuser` makes, through the set-up page, the force profile, the shipped SPR editions,
the set-up spreadsheet and the history (the example files of docs/examples/), to an open first
quarter whose board measures movement from the last imported quarter, whose own board shows its
imported grades with their movement. Fewer than 15 page submissions, counted from the browser's
own POST navigations and printed; axe on the set-up's pages at 390 and 1280 px."""

import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from playwright.sync_api import expect

from assessments.models import Quarter
from tests.browser.conftest import assert_accessible
from threats.models import ForceProfile, SprEdition

pytestmark = pytest.mark.django_db(transaction=True)

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"
SETUP_FILE = EXAMPLES / "force-setup.xlsx"
HISTORY_FILE = EXAMPLES / "northshire-police-history.zip"
SUPERUSER, SUPERUSER_PASSWORD = "first.admin", "a-long-passphrase-for-the-first-admin"
SPR_LEAD_EMAIL = "ruth.ashdown@northshire.police.example"  # in the set-up file's accounts
SPR_LEAD_PASSWORD = "a-long-passphrase-for-the-spr-lead"
MOST_SUBMISSIONS = 14  # "fewer than 15 page submissions"


def _accessible_at_both_widths(page, name: str) -> None:
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        assert_accessible(page, f"{name}-{width}")


def _state(page, step: str):
    return page.locator(f"[data-step={step}] .govuk-task-list__status")


def test_a_force_moves_in_from_an_empty_database(page, live_server):
    assert not SprEdition.objects.exists() and not ForceProfile.objects.exists()
    get_user_model().objects.create_superuser(SUPERUSER, "it@example.invalid", SUPERUSER_PASSWORD)
    submissions = []
    page.on(
        "request",
        lambda request: (
            submissions.append(request.url)
            if request.method == "POST" and request.is_navigation_request()
            else None
        ),
    )
    page.set_viewport_size({"width": 1280, "height": 900})

    # 1. The one account there is signs in and finds the set-up page in the menu
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(SUPERUSER)
    page.get_by_label("Password").fill(SUPERUSER_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name="Set up the force").first.click()
    expect(page.get_by_role("heading", name="Set up the force")).to_be_visible()
    expect(page.locator("#setup-progress")).to_contain_text("completed 0 of 9 steps")
    expect(_state(page, "profile")).to_have_text("Not started")
    _accessible_at_both_widths(page, "setup-empty")

    # 2. The force profile
    page.get_by_role("link", name="Force profile: the force, its policing body and board").click()
    _accessible_at_both_widths(page, "force-profile")
    page.get_by_label("Force name").fill("Northshire Police")
    page.get_by_label("Short name", exact=True).fill("NSP")
    page.get_by_label("Police, Fire and Crime Commissioner").check()
    page.get_by_label("Name of the policing body", exact=True).fill(
        "the Police, Fire and Crime Commissioner for Northshire"
    )
    page.get_by_label("Short name of the policing body").fill("the Commissioner")
    page.get_by_label("Name of the policing body's office").fill("the Office of the Commissioner")
    page.get_by_label("What the office's staff are called").fill("Commissioner's office")
    page.get_by_label("Name of the board or panel").fill("Police and Crime Panel")
    page.get_by_label("OFFICIAL-SENSITIVE").check()
    page.get_by_role("group", name=re.compile("read the published board papers")).get_by_label(
        "Yes"
    ).check()
    page.get_by_role("group", name=re.compile("quote a reviewer")).get_by_label("No").check()
    page.get_by_label("Paper from").fill("Assistant Chief Constable (Specialist Operations)")
    page.get_by_role("button", name="Save force profile").click()
    expect(_state(page, "profile")).to_have_text("Completed")
    expect(page.locator("[data-step=profile]")).to_contain_text("Northshire Police")

    # 3. The SPR editions that ship with the portal
    page.get_by_role("link", name="SPR editions in use and their national threats").click()
    _accessible_at_both_widths(page, "editions-empty")
    page.get_by_role("button", name="Load the shipped SPR editions").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("3 editions added")
    expect(page.locator("main")).to_contain_text("Violence against women and girls")
    expect(page.locator("main")).to_contain_text("No owning department yet")
    _accessible_at_both_widths(page, "editions-loaded")
    page.get_by_role("link", name="Back to set up the force").click()
    expect(_state(page, "editions")).to_have_text("Completed")
    expect(_state(page, "departments")).to_have_text("Not started")

    # 4. Departments, threat ownership, posts, accounts and roles: one spreadsheet
    page.get_by_role("link", name="Departments and who owns which threat").click()
    page.set_input_files("#id_file", str(SETUP_FILE))
    page.get_by_role("button", name="Check the file").click()
    page.get_by_role("button", name="Import these changes").click()
    page.goto(f"{live_server.url}/set-up/")
    expect(_state(page, "departments")).to_have_text("Completed")
    expect(page.locator("[data-step=departments]")).to_contain_text("every threat owned")
    expect(_state(page, "posts")).to_have_text("Completed")
    # Accounts with roles, but nobody is the SPR lead: that role is given by hand
    expect(_state(page, "accounts")).to_have_text("In progress")

    # 5. The force's history: five years of quarters, grades and papers
    page.get_by_role("link", name="The force's history: past quarters, grades and papers").click()
    page.set_input_files("#id_history", str(HISTORY_FILE))
    page.get_by_role("button", name="Check the file").click()
    page.get_by_role("button", name="Import the history").click()
    page.goto(f"{live_server.url}/set-up/")
    expect(_state(page, "history")).to_have_text("Completed")
    expect(page.locator("[data-step=history]")).to_contain_text(
        "20 quarters imported, the latest 2025/26 Q4"
    )

    # 6. The SPR lead's role, given by hand on Manage users, and their set-password link
    page.get_by_role("link", name="Manage users").first.click()
    page.get_by_role("link", name=SPR_LEAD_EMAIL).click()
    page.get_by_label("SPR lead").check()
    page.get_by_role("button", name="Save roles").click()
    page.get_by_role("button", name="Send a link to set their password").click()
    expect(page.locator(".govuk-notification-banner")).to_be_visible()
    page.goto(f"{live_server.url}/set-up/")
    expect(_state(page, "accounts")).to_have_text("Completed")
    _accessible_at_both_widths(page, "setup-done-but-quarter")
    link = re.search(r"/accounts/set-password/[^/\s]+/[^/\s]+/", mail.outbox[-1].body)
    assert link, mail.outbox[-1].body
    page.get_by_role("button", name="Sign out").first.click()

    # 7. The SPR lead sets a password, signs in, creates the first quarter and opens it
    page.goto(f"{live_server.url}{link.group(0)}")
    page.get_by_label("New password", exact=True).fill(SPR_LEAD_PASSWORD)
    page.get_by_label("New password confirmation").fill(SPR_LEAD_PASSWORD)
    page.get_by_role("button", name="Set password").click()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(SPR_LEAD_EMAIL)
    page.get_by_label("Password").fill(SPR_LEAD_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{live_server.url}/quarters/new/")
    page.get_by_label("Financial year").select_option(label="2026/27")
    page.get_by_label("Q1 (April to June)").check()
    page.get_by_label("Strategic Policing Requirement 2023").check()
    for name, (day, month, year) in {
        "submission_deadline": ("12", "6", "2026"),
        "meeting_date": ("25", "6", "2026"),
    }.items():
        page.locator(f"input[name={name}_0]").fill(day)
        page.locator(f"input[name={name}_1]").fill(month)
        page.locator(f"input[name={name}_2]").fill(year)
    page.get_by_role("button", name=re.compile("Create|Save")).click()
    page.get_by_role("button", name="Open 2026/27 Q1").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("is open for submissions")

    count = len(submissions)
    print(f"\nA force moved in with {count} page submissions: {submissions}")
    assert count <= MOST_SUBMISSIONS, submissions

    # The open quarter's board measures movement from the last imported quarter
    first = Quarter.objects.get(is_open=True)
    page.goto(f"{live_server.url}/board/{first.pk}/")
    expect(page.locator("main")).to_contain_text("usually 2025/26 Q4")
    assert_accessible(page, "first-board")
    # whose board shows its imported grades, with their movement, marked as imported
    last = Quarter.objects.get(financial_year=2025, number=4)
    page.goto(f"{live_server.url}/board/{last.pk}/")
    main = page.locator("main")
    expect(main).to_contain_text("Imported")
    expect(main).to_contain_text("Violence against women and girls")
    arrows = page.locator(".review-heatmap__cell").filter(has_text=re.compile("[▲▼=]"))
    assert arrows.count() > 0
    assert_accessible(page, "last-imported-board")

    # After the count: a mistake on the force profile (as the administrator) is the error
    # summary, with nothing typed lost
    page.get_by_role("button", name="Sign out").first.click()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(SUPERUSER)
    page.get_by_label("Password").fill(SUPERUSER_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{live_server.url}/set-up/force-profile/")
    page.get_by_label("Name of the board or panel").fill("")
    page.get_by_label("Short name", exact=True).fill("NSP2")
    page.get_by_role("button", name="Save force profile").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter the name of the board or panel"
    )
    expect(page.get_by_label("Short name", exact=True)).to_have_value("NSP2")
    _accessible_at_both_widths(page, "force-profile-error")
    assert ForceProfile.objects.get().short_name == "NSP"
