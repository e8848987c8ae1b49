"""The register of inspection recommendations in Chromium: the SPR lead records one (its
errors first), its owner notes progress, the policing body's office records its response and
the SPR lead closes it. axe-core finds nothing on any page or state, at 390 and 1280 px."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = (390, 1280)


def _click(page, role, name):
    page.get_by_role(role, name=name).first.click()
    page.wait_for_load_state()


def _type_date(page, legend: str, day: datetime.date):
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def _as(page, sign_in, username):
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()
    sign_in(username)


def _accessible_at_each_width(page, name):
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        assert_accessible(page, f"{name}-{width}")
    page.set_viewport_size({"width": 1280, "height": 900})


def test_a_recommendation_from_record_to_close(page, live_server, demo, sign_in):
    sign_in("acc.security")
    page.goto(live_server.url + reverse("assessments:recommendation_list"))
    expect(page.locator("main h1")).to_have_text("Inspection recommendations")
    _accessible_at_each_width(page, "recommendations")
    _click(page, "link", "Record a recommendation")
    _click(page, "button", "Record the recommendation")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter the report's title")
    expect(summary).to_contain_text("Enter what the report says")
    expect(page).to_have_title(re.compile("^Error: "))
    _accessible_at_each_width(page, "recommendation-errors")

    published = timezone.localdate() - datetime.timedelta(days=10)
    page.get_by_label("Report", exact=True).fill("PEEL spotlight: the response to public disorder")
    _type_date(page, "Date the report was published", published)
    page.get_by_label("Reference (optional)").fill("Recommendation 3")
    page.get_by_label("Recommendation", exact=True).check()
    page.get_by_label("What the report says").fill("Test the mobilisation plan each year.")
    page.get_by_label("Public Disorder").check()
    page.get_by_label("Owner (optional)").select_option(label="Helen Carter (lead.ops)")
    page.get_by_role("group", name="Must the policing body respond to it?").get_by_label(
        "Yes"
    ).check()
    _click(page, "button", "Record the recommendation")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("is on the register")
    due = published + datetime.timedelta(days=56)
    expect(page.locator("main")).to_contain_text(f"Response due {due:%-d %B %Y}")
    _accessible_at_each_width(page, "recommendation")
    detail = page.url

    _as(page, sign_in, "lead.ops")
    page.goto(detail)
    page.get_by_label("Progress").fill("Exercise booked with the region.")
    _click(page, "button", "Note the progress")
    expect(page.locator("[data-progress]")).to_contain_text("Exercise booked with the region.")

    _as(page, sign_in, "pcc.office")
    page.goto(detail)
    _click(page, "button", "Record the date")
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter the date the response was published"
    )
    _accessible_at_each_width(page, "recommendation-response-error")
    _type_date(page, "Date the response was published", timezone.localdate())
    _click(page, "button", "Record the date")
    expect(page.locator("main")).to_contain_text("Response published")

    _as(page, sign_in, "acc.security")
    page.goto(detail)
    page.get_by_label("Why is it closed?").fill("Exercise held; plan tested.")
    _click(page, "button", "Close the recommendation")
    expect(page.locator("main")).to_contain_text("Closed: Exercise held; plan tested.")
