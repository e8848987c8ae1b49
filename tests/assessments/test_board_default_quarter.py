"""The policing body's office sees only signed-off results: its board opens on the newest
quarter with everything signed off, not on the open quarter, which is empty to it. The SPR
lead and chief officer leads still open on the open quarter, where the work is."""

import pytest
from django.urls import reverse

from assessments.selectors.board import board_quarter
from tests.html import one
from tests.reports.support import sign_off

pytestmark = pytest.mark.django_db


def _shown(client, user) -> str:
    client.force_login(user)
    page = client.get(reverse("assessments:quarter_board_current"))
    assert page.status_code == 200
    return one(page, "#board-quarter option[selected]").get_text(strip=True)


def test_the_office_opens_on_the_newest_signed_off_quarter(
    client, quarter, report_of_the_quarter_before, pcc_office, spr_lead, chief_officer
):
    earlier = report_of_the_quarter_before.quarter
    assert board_quarter(pcc_office) == earlier
    assert _shown(client, pcc_office) == earlier.label
    assert board_quarter(spr_lead) == quarter and board_quarter(chief_officer) == quarter
    assert _shown(client, spr_lead).startswith(quarter.label)


def test_a_quarter_partly_signed_off_is_passed_over_for_one_complete(
    quarter, report_of_the_quarter_before, threat, business_lead, spr_lead, pcc_office
):
    sign_off(threat=threat, quarter=quarter, lead=business_lead, reviewer=spr_lead)
    assert board_quarter(pcc_office) == report_of_the_quarter_before.quarter


def test_with_nothing_signed_off_it_is_the_open_quarter(quarter, pcc_office):
    assert board_quarter(pcc_office) == quarter
