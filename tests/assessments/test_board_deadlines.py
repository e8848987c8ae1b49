"""The quarter board's deadline signals, its summary line, movement against the last
signed-off grades however far back, and the warning about threats nobody may sign off."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments import services
from assessments.choices import Status
from assessments.models import Assessment
from assessments.selectors.board import quarter_board
from spr_portal.roles import Role
from tests.assessments.test_review_board import _signed
from tests.factories import AssessmentFactory, QuarterFactory, UserFactory

pytestmark = pytest.mark.django_db


def _late(threat, quarter):
    """Submitted three days after the quarter fixture's deadline of 11 March 2016."""
    assessment = AssessmentFactory(threat=threat, quarter=quarter, complete=True)
    Assessment.objects.filter(pk=assessment.pk).update(
        status=Status.SUBMITTED,
        submitted_at=timezone.make_aware(datetime.datetime(2016, 3, 14, 9, 30)),
    )
    return assessment


def test_the_board_says_overdue_and_submitted_late_in_words_with_a_summary_line(
    client, spr_lead, threat, other_threat, quarter
):
    _late(other_threat, quarter)  # the other threat is submitted late; `threat` never started
    board = quarter_board(spr_lead, quarter)
    signals = {row.threat.pk: row.signal.text for row in board.rows}
    assert signals == {
        threat.pk: "Overdue: was due 11 March 2016",
        other_threat.pk: "Submitted late on 14 March 2016",
    }
    assert board.summary == "0 of 2 signed off, 1 overdue, 1 submitted late"
    client.force_login(spr_lead)
    page = client.get(reverse("assessments:quarter_board", kwargs={"pk": quarter.pk}))
    html = page.content.decode()
    assert "0 of 2 signed off, 1 overdue, 1 submitted late" in html
    assert "Overdue: was due 11 March 2016" in html
    assert "Submitted late on 14 March 2016" in html


def test_the_summary_counts_signed_off_threats(spr_lead, threat, other_threat, quarter):
    _signed(threat, quarter, spr_lead)
    board = quarter_board(spr_lead, quarter)
    assert board.summary.startswith("1 of 2 signed off")


def test_the_pcc_office_sees_no_progress_signals(pcc_office, spr_lead, threat, quarter):
    board = quarter_board(pcc_office, quarter)
    assert [row.signal for row in board.rows] == [None]
    assert board.summary == "0 of 1 signed off"


def test_movement_reaches_back_past_a_missing_quarter_and_says_which(
    client, spr_lead, threat, quarter
):
    two_back = QuarterFactory(financial_year=2015, number=2, edition=quarter.edition, is_open=False)
    QuarterFactory(financial_year=2015, number=3, edition=quarter.edition, is_open=False)
    _signed(threat, two_back, spr_lead, grade=2)
    _signed(threat, quarter, spr_lead, grade=4)
    row = quarter_board(spr_lead, quarter).rows[0]
    assert row.compared_with == "2015/16 Q2"
    assert {(c.grade, c.previous) for c in row.cells} == {(4, 2)}
    client.force_login(spr_lead)
    page = client.get(reverse("assessments:quarter_board", kwargs={"pk": quarter.pk}))
    assert "Movement since 2015/16 Q2" in page.content.decode()


def test_the_board_warns_when_nobody_may_sign_off_a_threat(
    client, spr_lead, threat, other_threat, quarter, department, other_department
):
    # The only SPR lead also leads the department that owns `threat`.
    spr_lead.role_assignments.create(role=Role.BUSINESS_LEAD)
    department.leads.add(spr_lead)
    # Named a deputy for the quarter, they may sign off every threat but their own.
    services.quarter_name_deputies(quarter=quarter, deputies=[spr_lead], actor=spr_lead)
    board = quarter_board(spr_lead, quarter)
    assert [t.pk for t in board.unsignable] == [threat.pk]
    client.force_login(spr_lead)
    html = client.get(reverse("assessments:quarter_board", kwargs={"pk": quarter.pk})).content
    assert b"Nobody may sign off Child Sexual Abuse" in html
    assert b"Name a deputy for 2015/16 Q4" in html
    # A second SPR lead who is independent of the department removes the warning.
    UserFactory(username="second", roles=["SPR lead"])
    assert quarter_board(spr_lead, quarter).unsignable == []


def test_only_the_spr_lead_is_warned_about_signatories(chief_officer, threat, quarter):
    assert quarter_board(chief_officer, quarter).unsignable == []
