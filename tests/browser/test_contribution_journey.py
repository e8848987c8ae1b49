"""A contributing department's journey in Chromium: lead.cid records Firearms as contributing
to the Serious and Organised Crime self-assessment; lead.firearms finds it on My assessments,
reads it, adds Firearms' text to a section (an empty save first: the error summary), and
sees its board; lead.cid reads it on the section and on Check your answers; once submitted,
acc.security reads it on the review and lead.firearms is told it can no longer change.
axe-core on every page of the way."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from assessments import services
from assessments.models import Quarter
from tests.browser.conftest import assert_accessible
from tests.factories import complete_content
from threats.models import Department, NationalThreat

pytestmark = pytest.mark.django_db(transaction=True)

TEXT = "Firearms deployed armed response vehicles to four ROCU-led warrants this quarter."


def _contributed_draft():
    lead = get_user_model().objects.get(username="lead.cid")
    assessment = services.assessment_start(
        threat=NationalThreat.objects.get(slug="serious-organised-crime"),
        quarter=Quarter.objects.get(is_open=True),
        actor=lead,
    )
    return services.assessment_contributors_set(
        assessment=assessment,
        actor=lead,
        departments=[Department.objects.get(short_name="Firearms")],
        revision=assessment.revision,
    )


def _sign_out(page):
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()


def test_a_contributing_lead_adds_text_that_the_owner_and_reviewer_read(
    page, live_server, demo, sign_in
):
    assessment = _contributed_draft()

    sign_in("lead.firearms")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="My assessments").click()
    expect(page.locator("main")).to_contain_text("self-assessments you contribute to")
    assert_accessible(page)
    page.get_by_role("link", name="Read and contribute the Serious and Organised Crime").click()
    expect(page.locator("#your-contributions")).to_contain_text("Nothing written")
    assert_accessible(page)

    page.get_by_role("link", name="Add the contribution from Firearms to Capability").click()
    expect(page.locator("h1")).to_have_text("Capability: contribution from Firearms")
    assert_accessible(page)
    page.get_by_role("button", name="Save your contribution").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter your department's contribution")
    expect(summary).to_be_focused()
    assert_accessible(page)
    page.get_by_label("Your contribution").fill(TEXT)
    page.get_by_role("button", name="Save your contribution").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "The contribution from Firearms to Capability is saved."
    )
    expect(page.locator("#contributions")).to_contain_text(TEXT)
    expect(page.locator("#contributions")).to_contain_text("Firearms: written by Chris Lewis")
    assert_accessible(page)

    # The board holds the threats Firearms contributes to this quarter.
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Quarter board").click()
    expect(page.locator("table.review-heatmap")).to_contain_text("Serious and Organised Crime")
    expect(page.locator("table.review-heatmap")).not_to_contain_text("Terrorism")
    assert_accessible(page)
    _sign_out(page)

    sign_in("lead.cid")
    page.goto(f"{live_server.url}/my-assessments/{assessment.pk}/sections/capability/")
    expect(page.locator("#section-contributions")).to_contain_text(TEXT)
    assert_accessible(page)
    page.goto(f"{live_server.url}/my-assessments/{assessment.pk}/check/")
    expect(page.locator("#contributions")).to_contain_text(TEXT)
    assert_accessible(page)
    _sign_out(page)

    lead = get_user_model().objects.get(username="lead.cid")
    assessment.refresh_from_db()
    assessment = services.assessment_save_draft(
        assessment=assessment, actor=lead, data=complete_content(), revision=assessment.revision
    )
    services.assessment_submit(assessment=assessment, actor=lead)

    sign_in("acc.security")
    page.goto(f"{live_server.url}/assessments/{assessment.pk}/review/")
    expect(page.locator("#contributions")).to_contain_text(TEXT)
    expect(page.locator("#contributions")).to_contain_text("Firearms: written by Chris Lewis")
    assert_accessible(page)
    _sign_out(page)

    sign_in("lead.firearms")
    page.goto(f"{live_server.url}/assessments/{assessment.pk}/contributions/capability/")
    expect(page.locator("#refusal")).to_contain_text(
        "submitted for review: contributions can no longer be added or changed"
    )
    expect(page.get_by_label("Your contribution")).to_have_count(0)
    assert_accessible(page)
