"""The quarter board: rows and heatmap per role, movement, the status filter, and a fixed
number of SQL queries whatever the number of quarters."""

import datetime

import pytest
from django.http import Http404
from django.urls import reverse

from assessments.items import GRADED_ITEMS
from assessments.models import Quarter
from assessments.selectors.board import board_quarter, quarter_board, quarter_picker
from tests.cold_cache import empty_cache
from tests.factories import (
    AssessmentFactory,
    EditionFactory,
    QuarterFactory,
    ThreatFactory,
)
from tests.html import board_rows, text, texts

pytestmark = pytest.mark.django_db


def _signed(threat, quarter, reviewer, grade=4, **grades):
    """Signed off through the services (the factory's trait), with these grades."""
    grade_fields = {item.grade_field: grades.get(item.code, grade) for item in GRADED_ITEMS}
    return AssessmentFactory(
        threat=threat, quarter=quarter, signed_off=True, reviewer=reviewer, **grade_fields
    )


def _quarters(count: int) -> list[Quarter]:
    """`count` consecutive quarters ending with the open 2015/16 Q4."""
    edition = EditionFactory()
    quarters = []
    year, number = 2015, 4
    for _ in range(count):
        quarters.append(
            QuarterFactory(
                financial_year=year,
                number=number,
                edition=edition,
                is_open=(year, number) == (2015, 4),
                submission_deadline=datetime.date(2000 + year % 100, 1, 1),
                meeting_date=datetime.date(2000 + year % 100, 1, 2),
            )
        )
        year, number = (year, number - 1) if number > 1 else (year - 1, 4)
    return quarters


@pytest.fixture
def six_threats(threat, other_threat):
    return [threat, other_threat] + [
        ThreatFactory(name=f"National threat {n}", slug=f"national-threat-{n}") for n in range(4)
    ]


def _fill(quarters, threats, spr_lead):
    for quarter in quarters[1:]:
        for threat in threats:
            _signed(threat, quarter, spr_lead)
    current = quarters[0]
    AssessmentFactory(threat=threats[0], quarter=current, complete=True)  # a draft
    AssessmentFactory(threat=threats[1], quarter=current, submitted=True)
    _signed(threats[2], current, spr_lead)


@pytest.mark.parametrize("how_many", [1, 12])
def test_the_board_issues_a_fixed_number_of_queries(
    client, spr_lead, six_threats, how_many, django_assert_num_queries
):
    quarters = _quarters(how_many)
    _fill(quarters, six_threats, spr_lead)
    client.force_login(spr_lead)
    url = reverse("assessments:quarter_board", kwargs={"pk": quarters[0].pk})
    # session, user, roles, whether they stand in for a department today (4); the picker's
    # quarters, which also give the board its quarter and the one before; threats, their
    # departments' active named leads and acting stand-ins (3); this quarter's assessments; each
    # threat's last signed-off one; the SPR leads who may sign off (one more, for the
    # departments they lead, only if one is also a business lead); the quarter's deputies;
    # the threats' names under the quarter's edition; their lineage; the assessments'
    # contributing departments; their evidence files counted; the force profile (the header
    # names the force); the cache's write stamp (spr_portal/cache_stamp.py).
    empty_cache()
    with django_assert_num_queries(18):
        response = client.get(url)
    assert response.status_code == 200
    assert len(board_rows(response)) == 6
    # The same board again, nothing written since: kept under the stamp (session, user, the
    # stamp).
    with django_assert_num_queries(3):
        response = client.get(reverse("assessments:quarter_board_current"))
    assert len(board_rows(response)) == 6


def test_movement_is_against_the_previous_quarters_signed_off_grades(spr_lead, threat, quarter):
    previous = QuarterFactory(financial_year=2015, number=3, edition=quarter.edition, is_open=False)
    _signed(threat, previous, spr_lead, grade=3, capability=4)
    _signed(threat, quarter, spr_lead, grade=3, capacity_local=4, capability=2)
    board = quarter_board(spr_lead, quarter)
    cells = {c.item.code: (c.grade, c.previous) for c in board.rows[0].cells}
    assert cells["capacity_local"] == (4, 3)
    assert cells["capability"] == (2, 4)
    assert cells["connectivity"] == (3, 3)
    assert board.previous_label == "2015/16 Q3"


def test_the_board_renders_grades_in_words_and_movement(client, spr_lead, threat, quarter):
    previous = QuarterFactory(financial_year=2015, number=3, edition=quarter.edition, is_open=False)
    _signed(threat, previous, spr_lead, grade=3)
    _signed(threat, quarter, spr_lead, grade=3, capacity_local=4, capability=2)
    client.force_login(spr_lead)
    page = client.get(reverse("assessments:quarter_board_current"))
    words = text(page)
    assert "Up from Adequate" in words and "Down from Adequate" in words
    assert "Same as before" in words
    grades = texts(page, ".portal-grade")
    assert "Good" in grades and "Requires improvement" in grades


def test_not_started_threats_show_not_started(client, spr_lead, six_threats, quarter):
    client.force_login(spr_lead)
    response = client.get(reverse("assessments:quarter_board_current"))
    assert list(board_rows(response).values()) == ["not_started"] * 6
    assert texts(response, ".review-heatmap__status strong") == ["Not started"] * 6
    assert "No grades for this quarter yet" in text(response)


def test_each_role_sees_its_own_rows(spr_lead, chief_officer, pcc_office, six_threats, quarter):
    threat, other_threat = six_threats[:2]
    AssessmentFactory(threat=threat, quarter=quarter, complete=True)  # a draft
    _signed(other_threat, quarter, spr_lead)

    spr = quarter_board(spr_lead, quarter)
    assert len(spr.rows) == 6
    assert [r.status_label for r in spr.rows[:3]] == ["Draft", "Signed off", "Not started"]

    # The chief officer lead sees only the threat they lead, draft included.
    chief = quarter_board(chief_officer, quarter)
    assert [(r.threat, r.status_label) for r in chief.rows] == [(threat, "Draft")]

    # The PCC office sees every threat but only signed-off content; a draft is not shown.
    pcc = quarter_board(pcc_office, quarter)
    assert len(pcc.rows) == 6
    assert pcc.rows[0].assessment is None and pcc.rows[0].cells == []
    assert pcc.rows[0].status_label == "Not signed off yet"
    assert pcc.rows[1].status_label == "Signed off" and len(pcc.rows[1].cells) == 9


def test_the_status_filter(client, spr_lead, six_threats, quarter):
    _signed(six_threats[1], quarter, spr_lead)
    client.force_login(spr_lead)
    url = reverse("assessments:quarter_board_current")
    shown = client.get(url, {"status": "signed_off"})
    assert board_rows(shown) == {six_threats[1].name: "signed_off"}
    options = texts(shown, "#board-status option")
    assert "Signed off (1)" in options and "Not started (5)" in options
    assert len(board_rows(client.get(url, {"status": "not_started"}))) == 5
    # An unknown status shows everything rather than failing.
    assert len(board_rows(client.get(url, {"status": "nonsense"}))) == 6


def _both_ways(user, pk=None):
    """The board's quarter, read for itself or taken from the page's picker list, is the one
    the database's form of the rule (Quarter.objects.current()) gives."""
    chosen = board_quarter(user, pk)
    assert board_quarter(user, pk, quarters=quarter_picker(user)) == chosen
    assert chosen == (Quarter.objects.current() if pk is None else Quarter.objects.get(pk=pk))
    return chosen


def test_current_is_the_open_quarter_else_the_latest(spr_lead, quarter):
    older = QuarterFactory(financial_year=2015, number=3, edition=quarter.edition, is_open=False)
    assert _both_ways(spr_lead) == quarter
    Quarter.objects.filter(pk=quarter.pk).update(is_open=False)
    assert _both_ways(spr_lead).pk == quarter.pk  # the latest
    Quarter.objects.filter(pk=older.pk).update(is_open=True)
    assert _both_ways(spr_lead).pk == older.pk
    assert _both_ways(spr_lead, older.pk) == older


def test_an_unknown_quarter_or_none_at_all_is_not_found(spr_lead, quarter):
    with pytest.raises(Http404):
        board_quarter(spr_lead, quarter.pk + 1000, quarters=quarter_picker(spr_lead))
    with pytest.raises(Http404):
        board_quarter(spr_lead, quarters=[])


def test_the_board_names_the_latest_quarter_set_up_before_it(spr_lead, quarter):
    # 2015/16 Q4's board; Q3 was never set up, Q2 was: movement is "usually" against Q2.
    QuarterFactory(financial_year=2015, number=2, edition=quarter.edition, is_open=False)
    QuarterFactory(financial_year=2016, number=1, edition=quarter.edition, is_open=False)
    assert quarter_board(spr_lead, quarter).previous_label == "2015/16 Q2"
    board = quarter_board(spr_lead, quarter, quarters=quarter_picker(spr_lead))
    assert board.previous_label == "2015/16 Q2"


def test_the_quarter_picker_redirects_to_the_chosen_board(client, spr_lead, quarter):
    older = QuarterFactory(financial_year=2015, number=3, edition=quarter.edition, is_open=False)
    client.force_login(spr_lead)
    response = client.get(reverse("assessments:quarter_board_current"), {"quarter": older.pk})
    assert response.status_code == 302
    assert response["Location"] == reverse("assessments:quarter_board", kwargs={"pk": older.pk})
    missing = client.get(reverse("assessments:quarter_board_current"), {"quarter": 99999})
    assert missing.status_code == 404


def test_no_quarter_at_all_is_a_404_not_a_500(client, spr_lead):
    client.force_login(spr_lead)
    assert client.get(reverse("assessments:quarter_board_current")).status_code == 404
