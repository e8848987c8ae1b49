"""pcc.office records a question on the published 2 February 2016 paper and acc.security
answers it from the home page; then pcc.office drafts, corrects (through the error summary),
publishes and downloads the annual assurance statement of the demo's last full financial year
as PDF and Word, whose checksums match those shown. axe-core at 390 and 1280 px."""

import datetime
import hashlib

import pytest
from playwright.sync_api import expect

from assessments.demo.current import last_full_year
from assessments.models.quarter import financial_year_label
from reports.assurance_models import AssuranceStatement, RegardEntry, StatementFile
from reports.models import BoardReport
from tests.browser.conftest import assert_accessible
from tests.tamper import triggers_off

pytestmark = pytest.mark.django_db(transaction=True)

QUESTION = "Is the demand profile for specialist investigators now agreed with partners?"
ANSWER = "Yes: agreed at the safeguarding board on 1 March, and reported monthly from April."


def _accessible_at_both_widths(page, name: str) -> None:
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        assert_accessible(page, f"{name}-{width}")


def test_the_office_asks_the_spr_lead_answers_and_the_statement_is_published(
    page, live_server, current_demo, sign_in
):
    paper = BoardReport.objects.get(meeting_date=datetime.date(2016, 2, 2), version=1)
    paper_sha256 = paper.pdf.sha256
    # The demo publishes the statement of its last full year: take it back to nothing, so that
    # this journey drafts it.
    year = last_full_year(datetime.date.today())
    with triggers_off():  # a published statement is never deleted otherwise
        StatementFile.objects.filter(statement__financial_year=year).delete()
        AssuranceStatement.objects.filter(financial_year=year).delete()

    sign_in("pcc.office")
    page.goto(f"{live_server.url}/reports/{paper.pk}/")
    regard = page.locator("#regard")
    expect(regard).to_contain_text("Further assurance sought")  # the demo's conclusion
    _accessible_at_both_widths(page, "regard-paper")
    page.get_by_role("button", name="Record receipt, a question or a conclusion").click()
    page.get_by_label("Question to the force").check()
    page.get_by_role("button", name="Record it").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter your question")
    _accessible_at_both_widths(page, "regard-record-error")
    page.get_by_label("Text", exact=True).fill(QUESTION)
    page.get_by_role("button", name="Record it").click()
    expect(page.locator("#regard")).to_contain_text(QUESTION)
    expect(page.locator("#regard")).to_contain_text("Waiting for an answer")
    page.get_by_role("button", name="Sign out").click()

    sign_in("acc.security")
    waiting = page.locator("#questions-waiting")
    expect(waiting).to_contain_text("2015/16 Q3")
    _accessible_at_both_widths(page, "regard-home-spr-lead")
    waiting.get_by_role("link").first.click()
    expect(page.locator("#question-text")).to_contain_text(QUESTION)
    page.get_by_role("button", name="Send the answer").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the force's answer")
    _accessible_at_both_widths(page, "regard-answer-error")
    page.get_by_label("The force's answer").fill(ANSWER)
    page.get_by_role("button", name="Send the answer").click()
    exchange = page.locator("#regard")
    expect(exchange).to_contain_text(ANSWER)
    text = exchange.inner_text()
    assert text.index(QUESTION) < text.index(ANSWER)
    question = RegardEntry.objects.get(text=QUESTION)
    assert question.answers.get().author.username == "acc.security"
    page.get_by_role("button", name="Sign out").click()

    sign_in("pcc.office")
    page.get_by_role("link", name="Assurance statements").first.click()
    label = financial_year_label(year)
    _accessible_at_both_widths(page, "statement-list")
    page.get_by_label(label, exact=True).check()
    page.get_by_role("button", name="Start the draft").click()
    main = page.locator("main")
    expect(main).to_contain_text(f"{label} Q4")
    _accessible_at_both_widths(page, "statement-draft")
    page.get_by_role("button", name="Change the statement").click()
    page.get_by_label("Title", exact=True).fill("")
    page.get_by_label("Main risks").fill("Kept: demand outstrips specialist capacity.")
    page.get_by_role("button", name="Save the statement").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the title")
    expect(page.get_by_label("Main risks")).to_have_value(
        "Kept: demand outstrips specialist capacity."
    )
    _accessible_at_both_widths(page, "statement-edit-error")
    page.get_by_label("Title", exact=True).fill("Annual SPR assurance statement")
    page.get_by_role("button", name="Save the statement").click()
    expect(main).to_contain_text("Kept: demand outstrips specialist capacity.")
    page.get_by_role("button", name="Publish the statement").click()
    _accessible_at_both_widths(page, "statement-publish")
    page.get_by_role("button", name="Publish the statement").click()
    expect(main).to_contain_text("Published")
    _accessible_at_both_widths(page, "statement-published")

    statement = AssuranceStatement.objects.get(financial_year=year)
    for link, kind, checksum in (
        ("Download PDF", "pdf", "#pdf-checksum"),
        ("Download Word document", "docx", "#docx-checksum"),
    ):
        shown = page.locator(checksum).inner_text().strip()
        with page.expect_download() as download_info:
            page.get_by_role("button", name=link).click()
        with open(download_info.value.path(), "rb") as downloaded:
            content = downloaded.read()
        assert hashlib.sha256(content).hexdigest() == shown
        assert shown == StatementFile.objects.get(statement=statement, kind=kind).sha256
    # The paper the office asked about is exactly as it was published.
    paper.refresh_from_db()
    assert paper.pdf.sha256 == paper_sha256
