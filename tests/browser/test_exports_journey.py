"""Data out, in a browser: the SPR lead downloads the quarter board as XLSX and the actions
register as CSV, the PCC office downloads the Word paper and makes, uses and revokes an API
token with the keyboard. axe-core finds nothing on any of these pages."""

import io
import re

import pytest
from docx import Document
from openpyxl import load_workbook
from playwright.sync_api import expect

from assessments.models import Assessment
from tests import evidence_files
from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


def test_spr_lead_downloads_the_board_and_the_register(page, live_server, demo, sign_in):
    sign_in("acc.security")
    page.goto(f"{live_server.url}/board/")
    page.get_by_text("Download grades as a spreadsheet").click()
    page.get_by_label("From", exact=True).select_option(label="2014/15 Q3")
    page.get_by_label("To", exact=True).select_option(label="2015/16 Q3")
    assert_accessible(page, "board-export-open")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download XLSX").click()
    sheet = load_workbook(io.BytesIO(info.value.path().read_bytes())).active
    assert sheet["A1"].value == "OFFICIAL-SENSITIVE"
    quarters = {row[0] for row in sheet.iter_rows(min_row=3, values_only=True)}
    assert quarters == {"2014/15 Q3", "2014/15 Q4", "2015/16 Q1", "2015/16 Q2", "2015/16 Q3"}

    page.get_by_role("link", name="Trends over every quarter").click()
    # A point for each quarter with signed-off grades: 2014/15 Q3 to 2015/16 Q3, and the
    # signed-off quarters of the 2023 SPR the demo carries up to today.
    graded = Assessment.objects.signed_off().values("quarter").distinct().count()
    assert graded > 5
    expect(page.locator("svg.trend-chart circle")).to_have_count(graded)
    assert_accessible(page, "force-trends")
    page.get_by_role("link", name="Terrorism").click()
    expect(page.get_by_role("img").first).to_have_attribute("aria-labelledby", re.compile(r"\S"))
    assert_accessible(page, "threat-trend")

    page.get_by_role("link", name="Actions register").first.click()
    assert_accessible(page, "actions-register-with-downloads")
    with page.expect_download() as info:
        page.get_by_role("link", name="CSV").click()
    assert info.value.suggested_filename == "actions-register.csv"


def test_pcc_office_downloads_word_and_manages_a_token(page, live_server, demo, sign_in):
    sign_in("pcc.office")
    page.get_by_role("link", name="Board reports").first.click()
    page.get_by_role("link", name="2 February 2016").first.click()
    with page.expect_download() as info:
        page.get_by_role("button", name="Download Word document").click()
    document = Document(io.BytesIO(info.value.path().read_bytes()))
    assert document.sections[0].header.paragraphs[0].text == "OFFICIAL"
    assert document.core_properties.language == "en-GB"

    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="API tokens").click()
    assert_accessible(page, "api-tokens-empty")
    page.get_by_role("button", name="Create token").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter what the token is for")
    assert_accessible(page, "api-tokens-error")

    # By keyboard only: type, tick with Space, submit with Enter.
    page.get_by_label("What is the token for?").fill("Force dashboard")
    page.get_by_label("What is the token for?").press("Tab")
    page.keyboard.press("Space")
    page.get_by_label("Read published board reports").focus()
    page.get_by_label("What is the token for?").press("Enter")
    token = page.get_by_label("Your new token").input_value()
    assert token.startswith("spr_")
    assert_accessible(page, "api-tokens-created")

    response = page.request.get(
        f"{live_server.url}/api/v1/grades", headers={"Authorization": f"Bearer {token}"}
    )
    signed_off = Assessment.objects.signed_off().count()  # the PCC office sees every one
    assert response.status == 200 and response.json()["count"] == signed_off > 0

    page.get_by_role("button", name="Revoke token “Force dashboard”").press("Enter")
    expect(page.locator(".govuk-notification-banner, main").first).to_contain_text("revoked")
    assert_accessible(page, "api-tokens-revoked")
    again = page.request.get(
        f"{live_server.url}/api/v1/grades", headers={"Authorization": f"Bearer {token}"}
    )
    assert again.status == 401


def test_lead_attaches_evidence(page, live_server, demo, sign_in, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    sign_in("lead.ppu")
    page.get_by_role("link", name="My assessments").first.click()
    page.get_by_role("link", name="Start the Child Sexual Abuse self-assessment").click()
    page.get_by_label("Start with an empty self-assessment").check()
    page.get_by_role("button", name="Start self-assessment").click()
    page.get_by_role("link", name="Evidence files").click()
    assert_accessible(page, "evidence-empty")

    page.get_by_label("Which section is it evidence for?").select_option(label="Capability")
    page.get_by_label("File").set_input_files(
        {"name": "report.pdf", "mimeType": "application/pdf", "buffer": b"not a pdf at all"}
    )
    page.get_by_role("button", name="Attach file").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("is not a PDF")
    expect(page).to_have_title(re.compile(r"^Error: "))
    assert_accessible(page, "evidence-refused")

    page.get_by_label("Which section is it evidence for?").select_option(label="Capability")
    page.get_by_label("File").set_input_files(
        {"name": "drill.png", "mimeType": "image/png", "buffer": evidence_files.image("PNG")}
    )
    page.get_by_role("button", name="Attach file").click()
    expect(page.locator("main")).to_contain_text("“drill.png” attached")
    assert_accessible(page, "evidence-attached")
    with page.expect_download() as info:
        page.get_by_role("link", name="drill.png").click()
    assert info.value.path().read_bytes().startswith(b"\x89PNG")
    assert info.value.suggested_filename == "drill.png"
