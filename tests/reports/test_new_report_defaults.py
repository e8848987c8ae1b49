"""A new board report starts from the newest quarter with every self-assessment signed off,
as a new report unless a paper of an earlier quarter is there to update; the board cannot
hear a quarter before its quarterly meeting (page and service)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from reports.models import BoardReport
from tests.html import error_summary, one, title
from tests.reports.support import new_report

pytestmark = pytest.mark.django_db


def _checked(page, name) -> str:
    return one(page, f'input[name="{name}"][checked]')["value"]


def test_a_new_report_starts_from_the_newest_quarter_with_everything_signed_off(
    client, spr_lead, quarter, report_of_the_quarter_before
):
    # The open quarter has nothing signed off; 2015/16 Q3 has both threats signed off and
    # is reported in the paper of 12 April 2016, the only one published.
    earlier = report_of_the_quarter_before.quarter
    client.force_login(spr_lead)
    page = client.get(reverse("reports:report_new"))
    assert _checked(page, "quarter") == str(earlier.pk)
    # Not "updates the report of 12 April 2016": that paper reports the same quarter.
    assert _checked(page, "previous_report") == ""
    assert [one(page, f'input[name="meeting_date_{i}"]')["value"] for i in range(3)] == [
        "14",
        "1",
        "2016",
    ]


def test_it_updates_the_newest_paper_of_an_earlier_quarter(
    client, spr_lead, signed_quarter, report_of_the_quarter_before
):
    client.force_login(spr_lead)
    page = client.get(reverse("reports:report_new"))
    assert _checked(page, "quarter") == str(signed_quarter.pk)
    assert _checked(page, "previous_report") == str(report_of_the_quarter_before.pk)


def test_the_page_refuses_a_board_meeting_before_the_quarterly_meeting(
    client, spr_lead, signed_quarter
):
    client.force_login(spr_lead)
    response = client.post(
        reverse("reports:report_new"),
        {"quarter": signed_quarter.pk, "previous_report": "", "agenda_item": "5",
         "marking": "OFFICIAL", "meeting_date_0": "23", "meeting_date_1": "3",
         "meeting_date_2": "2016"},
    )  # fmt: skip
    assert response.status_code == 200 and title(response).startswith("Error: ")
    errors = dict(error_summary(response))
    assert errors["#id_meeting_date_0"] == (
        "The date of the board meeting must be on or after 2015/16 Q4's quarterly meeting "
        "(24 March 2016), when its self-assessments are signed off"
    )
    assert not BoardReport.objects.exists()


def test_the_service_refuses_it_too_and_on_a_change_of_details(client, spr_lead, signed_quarter):
    with pytest.raises(ValidationError) as refused:
        new_report(signed_quarter, spr_lead, meeting_date=datetime.date(2016, 3, 23))
    assert "meeting_date" in refused.value.message_dict
    assert new_report(signed_quarter, spr_lead, meeting_date=datetime.date(2016, 3, 24))

    draft = BoardReport.objects.get()
    client.force_login(spr_lead)
    response = client.post(
        reverse("reports:report_edit_details", args=[draft.pk]),
        {"agenda_item": "7", "board_name": "The board", "title": "SPR", "marking": "OFFICIAL",
         "meeting_date_0": "1", "meeting_date_1": "3", "meeting_date_2": "2016",
         "revision": draft.revision},
    )  # fmt: skip
    assert "#id_meeting_date_0" in dict(error_summary(response))
    draft.refresh_from_db()
    assert draft.meeting_date == datetime.date(2016, 3, 24)
