"""A new board report's meeting date is pre-filled from the quarter's meeting date."""

import datetime

import pytest
from django.urls import reverse

from reports.models import BoardReport
from tests.factories import QuarterFactory
from tests.html import one, text

pytestmark = pytest.mark.django_db


def _date_boxes(response) -> list[str]:
    return [one(response, f'input[name="meeting_date_{i}"]').get("value") for i in range(3)]


def test_the_meeting_date_is_pre_filled_from_the_chosen_quarter(client, spr_lead, quarter):
    earlier = QuarterFactory(
        financial_year=2015,
        number=3,
        edition=quarter.edition,
        submission_deadline=datetime.date(2015, 12, 11),
        meeting_date=datetime.date(2016, 1, 14),
    )
    client.force_login(spr_lead)
    url = reverse("reports:report_new")
    page = client.get(url)
    # The newest quarter is chosen, with its meeting date (24 March 2016).
    assert one(page, f'input[name="quarter"][value="{quarter.pk}"]').has_attr("checked")
    assert _date_boxes(page) == ["24", "3", "2016"]
    assert "Quarterly meeting 14 January 2016" in text(page)
    assert "Pre-filled with the quarterly meeting date" in text(page)

    chosen = client.get(f"{url}?quarter={earlier.pk}")
    assert one(chosen, f'input[name="quarter"][value="{earlier.pk}"]').has_attr("checked")
    assert _date_boxes(chosen) == ["14", "1", "2016"]
    assert _date_boxes(client.get(f"{url}?quarter=nonsense")) == ["24", "3", "2016"]


def test_an_empty_meeting_date_is_the_chosen_quarters(client, spr_lead, signed_quarter):
    client.force_login(spr_lead)
    response = client.post(
        reverse("reports:report_new"),
        {"quarter": signed_quarter.pk, "previous_report": "", "agenda_item": "5",
         "marking": "OFFICIAL", "meeting_date_0": "", "meeting_date_1": "",
         "meeting_date_2": ""},
    )  # fmt: skip
    report = BoardReport.objects.get()
    assert response["Location"] == reverse("reports:report_detail", args=[report.pk])
    assert report.meeting_date == signed_quarter.meeting_date


def test_a_half_typed_meeting_date_is_still_an_error(client, spr_lead, signed_quarter):
    client.force_login(spr_lead)
    response = client.post(
        reverse("reports:report_new"),
        {"quarter": signed_quarter.pk, "previous_report": "", "agenda_item": "5",
         "marking": "OFFICIAL", "meeting_date_0": "2", "meeting_date_1": "",
         "meeting_date_2": "2016"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "The date of the board meeting must include a month" in text(response)
    assert not BoardReport.objects.exists()
