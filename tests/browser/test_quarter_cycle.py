"""A quarter from open to closed in Chromium: the board's deadline signals and summary line,
an overdue reminder escalated to the chief officer lead, closing after the unfinished list,
one late submission granted (with the keyboard) and used, the late sign-off taken into the
draft report and the report published. axe-core finds nothing on any new page or state."""

import datetime
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)

LATE = "Public Order"  # owned by Force Operations (lead.ops); led by ACC Operations


def _sign_off_all_but_public_order():
    """Five of the six threats signed off through the real services (the review journey
    covers doing that in the browser); a draft report is made before the sixth."""
    import datetime

    from django.contrib.auth import get_user_model

    from assessments import services
    from assessments.models import Quarter
    from reports.services import report_create
    from tests.factories import complete_content
    from threats.force_profile import Marking

    users = get_user_model().objects
    quarter = Quarter.objects.get(is_open=True)
    reviewer = users.get(username="acc.security")
    for threat in quarter.edition.threats().select_related("owning_department"):
        if threat.name == LATE:
            continue
        lead = threat.owning_department.leads.first()
        assessment = services.assessment_start(threat=threat, quarter=quarter, actor=lead)
        assessment = services.assessment_save_draft(
            assessment=assessment, actor=lead, data=complete_content(), revision=1
        )
        assessment = services.assessment_submit(assessment=assessment, actor=lead)
        services.assessment_sign_off(assessment=assessment, actor=reviewer)
    report = report_create(
        actor=reviewer,
        quarter=quarter,
        meeting_date=datetime.date(2016, 4, 12),
        agenda_item="7",
        marking=Marking.OFFICIAL_SENSITIVE,
    )
    return quarter, report


def _click(page, role, name, **kwargs):
    page.get_by_role(role, name=name, **kwargs).click()
    page.wait_for_load_state()


def _sign_out(page):
    _click(page, "button", "Sign out")


def test_a_quarter_from_open_to_closed_with_a_late_submission(page, live_server, demo, sign_in):
    quarter, report = _sign_off_all_but_public_order()
    main = page.locator("main")

    # The board: the summary line and the overdue threat, in words.
    sign_in("acc.security")
    page.goto(f"{live_server.url}/board/{quarter.pk}/")
    # (The five were submitted today, years after the demo's deadline: late too.)
    expect(page.locator("#board-summary")).to_have_text(
        "5 of 6 signed off, 1 overdue, 5 submitted late"
    )
    expect(main).to_contain_text("Overdue: was due 11 March 2016")
    assert_accessible(page, "cycle-board-overdue")

    # The day after the deadline the daily reminders escalate to the chief officer lead.
    call_command("send_reminders", "--today", "2016-03-12", stdout=open("/dev/null", "w"))  # noqa: SIM115
    escalated = [m for m in mail.outbox if m.to == ["acc.operations@demo.invalid"]]
    assert len(escalated) == 1
    assert escalated[0].subject.startswith("[OFFICIAL-SENSITIVE] Overdue in your portfolio")
    assert f"- {LATE}: Not started (Force Operations)" in escalated[0].body

    # The quarter's sign-off deputies: a page of checkboxes, saved back to the quarters list.
    page.goto(f"{live_server.url}/quarters/")
    _click(page, "link", "Sign-off deputies for 2015/16 Q4", exact=True)
    expect(page.locator("h1")).to_have_text("Sign-off deputies")
    assert_accessible(page, "cycle-deputies")
    _click(page, "button", "Save deputies")
    expect(page.locator("h1")).to_contain_text("Quarters")

    # Closing shows what is unfinished first.
    _click(page, "link", "Close 2015/16 Q4", exact=True)
    expect(page.locator("h1")).to_have_text("Close 2015/16 Q4 to submissions?")
    expect(main.locator("table")).to_contain_text(LATE)
    expect(main.locator("table")).to_contain_text("Not started")
    assert_accessible(page, "cycle-close-confirm")
    _click(page, "button", "Close 2015/16 Q4")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("is closed to submissions")

    # A late submission: first the error summary, then granted with the keyboard alone.
    _click(page, "link", "Late submissions for 2015/16 Q4", exact=True)
    _click(page, "button", "Grant a late submission")
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Select the national threat that may submit late"
    )
    expect(page).to_have_title(re.compile("^Error: "))
    assert_accessible(page, "cycle-late-error")
    page.get_by_label(LATE).focus()
    page.keyboard.press("Space")
    expect(page.get_by_label(LATE)).to_be_checked()
    page.keyboard.press("Tab")
    page.keyboard.type("The lead was on a national mutual aid deployment that week.")
    # Until the end of a day of its own, a fortnight from today: day, month and year boxes.
    until = timezone.localdate() + datetime.timedelta(days=14)
    for part in (until.day, until.month, until.year):
        page.keyboard.press("Tab")
        page.keyboard.type(str(part))
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        f"{LATE} may now be started and submitted late for 2015/16 Q4, until the end of "
        f"{until:%-d %B %Y}"
    )
    expect(main.locator(".govuk-summary-list")).to_contain_text("national mutual aid deployment")
    expect(main.locator(".govuk-summary-list")).to_contain_text(
        f"Until the end of {until:%-d %B %Y}"
    )
    assert_accessible(page, "cycle-late-granted")
    _sign_out(page)

    # lead.ops starts and submits late.
    sign_in("lead.ops")
    page.goto(f"{live_server.url}/my-assessments/")
    expect(main).to_contain_text("2015/16 Q4: closed, late submission granted")
    expect(main).to_contain_text("Overdue: was due 11 March 2016")
    expect(main).to_contain_text(f"Late submission until the end of {until:%-d %B %Y}")
    assert_accessible(page, "cycle-my-assessments-late")
    _click(page, "link", f"Start the {LATE} self-assessment")
    page.get_by_label("Start with an empty self-assessment").check()
    _click(page, "button", "Start self-assessment")
    from assessments import services
    from assessments.models import Assessment
    from tests.factories import complete_content

    assessment = Assessment.objects.get(quarter=quarter, threat__name=LATE)
    services.assessment_save_draft(
        assessment=assessment,
        actor=assessment.created_by,
        data={**complete_content(), "summary": "Public order capability proven this quarter."},
        revision=assessment.revision,
    )
    page.reload()
    _click(page, "button", "Check your answers and submit")
    page.get_by_label(re.compile("^I confirm this is an accurate self-assessment")).check()
    _click(page, "button", "Submit for review")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("You submitted")
    _sign_out(page)

    # acc.security sees it marked late, signs it off, and takes it into the draft report.
    sign_in("acc.security")
    page.goto(f"{live_server.url}/assessments/{assessment.pk}/review/")
    expect(main).to_contain_text(re.compile(r"Submitted late on \d+ \w+ \d{4}"))
    assert_accessible(page, "cycle-review-late")
    _click(page, "button", "Sign off")
    _click(page, "button", "Sign off")
    page.goto(f"{live_server.url}/reports/{report.pk}/")
    expect(main).to_contain_text(f"{LATE}: signed off after this draft: use its summary")
    expect(page.get_by_role("button", name="Publish report")).to_have_count(0)
    assert_accessible(page, "cycle-draft-late-sign-off")
    _click(page, "link", "Check and use its summary")
    expect(main).to_contain_text("Public order capability proven this quarter.")
    assert_accessible(page, "cycle-late-sign-offs-preview")
    _click(page, "button", "Use this summary")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(LATE)
    expect(main).to_contain_text("ready to publish")
    _click(page, "button", "Publish report")  # the draft page's link styled as a button
    assert_accessible(page, "cycle-publish")
    _click(page, "button", "Publish report")
    expect(main).to_contain_text("Report published")
    report.refresh_from_db()
    assert report.status == "published"
    assert report.threat_sections.get(threat__name=LATE).body == (
        "Public order capability proven this quarter."
    )
