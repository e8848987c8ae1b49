"""Spreadsheet exports read back with csv and openpyxl: the marking in the first row and the
document properties, one row per graded item with grade and movement, a quarter or a range,
typed formulas kept as text, the need-to-know of every role, and a fixed number of queries."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from assessments import services
from assessments.items import GRADED_ITEMS
from assessments.models import Quarter
from assessments.selectors.exports import ACTION_COLUMNS, BOARD_COLUMNS, MARKING
from tests.conftest import ROLE_FIXTURES
from tests.factories import ImprovementActionFactory, QuarterFactory
from tests.reports.support import sign_off

pytestmark = pytest.mark.django_db


@pytest.fixture
def earlier(quarter):
    return QuarterFactory(
        financial_year=2015,
        number=3,
        edition=quarter.edition,
        submission_deadline=datetime.date(2015, 12, 11),
        meeting_date=datetime.date(2015, 12, 24),
    )


@pytest.fixture
def board(quarter, earlier, threat, other_threat, business_lead, other_business_lead, spr_lead):
    """Child Sexual Abuse signed off in both quarters (3 then 4: up); Serious and Organised
    Crime only started this quarter (a draft)."""
    sign_off(threat=threat, quarter=earlier, lead=business_lead, reviewer=spr_lead, grade=3)
    Quarter.objects.filter(pk=earlier.pk).update(is_open=False)
    current = sign_off(threat=threat, quarter=quarter, lead=business_lead, reviewer=spr_lead)
    draft = services.assessment_start(
        threat=other_threat, quarter=quarter, actor=other_business_lead
    )
    ImprovementActionFactory(raised_in=current, description='=HYPERLINK("http://x")')
    ImprovementActionFactory(raised_in=draft, description="Regional tasking review")
    return quarter


def _csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def _url(name, fmt, **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return reverse(f"assessments:{name}", args=[fmt]) + (f"?{query}" if query else "")


def test_board_csv_has_marking_header_and_one_row_per_graded_item(client, spr_lead, board, threat):
    client.force_login(spr_lead)
    response = client.get(_url("board_export", "csv"))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('quarter-board-2015-16-q4.csv"')
    rows = _csv(response)
    assert rows[0] == [MARKING]
    assert rows[1] == BOARD_COLUMNS
    data = rows[2:]
    assert len(data) == 2 * len(GRADED_ITEMS)
    mine = [r for r in data if r[1] == threat.name]
    assert [r[3] for r in mine] == [item.label for item in GRADED_ITEMS]
    assert {(r[0], r[2], r[6], r[7], r[8], r[9]) for r in mine} == {
        ("2015/16 Q4", "Signed off", "Good", "4", "Adequate", "Up")
    }
    assert all(len(r[11]) == 64 for r in mine)
    draft = [r for r in data if r[1] != threat.name]
    assert {r[2] for r in draft} == {"Draft"} and {r[10] for r in draft} == {""}


def test_board_xlsx_read_back_with_marking_and_properties(client, spr_lead, board, earlier):
    client.force_login(spr_lead)
    response = client.get(_url("board_export", "xlsx", **{"from": earlier.pk, "to": board.pk}))
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.active
    assert sheet["A1"].value == MARKING
    assert [c.value for c in sheet[2]] == BOARD_COLUMNS
    assert MARKING in sheet.oddHeader.center.text and MARKING in sheet.oddFooter.center.text
    assert workbook.properties.keywords == MARKING
    assert workbook.properties.title == "Quarter board 2015-16 Q3 to 2015-16 Q4"
    quarters = [row[0] for row in sheet.iter_rows(min_row=3, values_only=True)]
    assert quarters.count("2015/16 Q3") == len(GRADED_ITEMS)
    assert quarters.count("2015/16 Q4") == 2 * len(GRADED_ITEMS)
    grades = {row[7] for row in sheet.iter_rows(min_row=3, values_only=True) if row[7]}
    assert grades == {3, 4}  # numbers, so analysts can average them


def test_a_range_given_backwards_or_by_one_end_still_works(client, spr_lead, board, earlier):
    client.force_login(spr_lead)
    backwards = _csv(
        client.get(_url("board_export", "csv", **{"from": board.pk, "to": earlier.pk}))
    )
    assert {r[0] for r in backwards[2:]} == {"2015/16 Q3", "2015/16 Q4"}
    only = _csv(client.get(_url("board_export", "csv", **{"from": earlier.pk})))
    assert {r[0] for r in only[2:]} == {"2015/16 Q3"}


@pytest.mark.parametrize("bad", ["from=99999", "from=abc", "to=%00", "from=1&to=x"])
def test_bad_input_is_a_404_not_a_500(client, spr_lead, board, bad):
    client.force_login(spr_lead)
    url = reverse("assessments:board_export", args=["csv"]) + "?" + bad
    # A NUL is refused before the view (spr_portal/params.py RefuseNulMiddleware).
    assert client.get(url).status_code == (400 if "%00" in bad else 404)


def test_an_unknown_format_is_a_404(client, spr_lead, board):
    client.force_login(spr_lead)
    assert client.get(_url("board_export", "pdf")).status_code == 404
    assert client.get(_url("actions_export", "json")).status_code == 404


BOARD_SEES = {
    "spr_lead": {"Child Sexual Abuse", "Serious and Organised Crime"},
    "chief_officer": {"Child Sexual Abuse"},
    "other_chief_officer": {"Serious and Organised Crime"},  # the draft of the threat they lead
    "pcc_office": {"Child Sexual Abuse"},  # signed off only
    # Business leads: their departments' threats (and those they contribute to)
    "business_lead": {"Child Sexual Abuse"},
    "other_business_lead": {"Serious and Organised Crime"},
}


@pytest.mark.parametrize("role", ROLE_FIXTURES)
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_board_export_need_to_know(request, client, role, fmt, board, earlier):
    client.force_login(request.getfixturevalue(role))
    response = client.get(_url("board_export", fmt, **{"from": earlier.pk, "to": board.pk}))
    if role not in BOARD_SEES:
        assert response.status_code == 403
        return
    assert response.status_code == 200
    if fmt == "csv":
        threats = {r[1] for r in _csv(response)[2:]}
    else:
        sheet = load_workbook(io.BytesIO(response.content)).active
        threats = {row[1] for row in sheet.iter_rows(min_row=3, values_only=True)}
    assert threats == BOARD_SEES[role]


def test_actions_csv_and_xlsx_keep_typed_formulas_as_text(client, spr_lead, board):
    client.force_login(spr_lead)
    rows = _csv(client.get(_url("actions_export", "csv")))
    assert rows[0] == [MARKING] and rows[1] == ACTION_COLUMNS
    descriptions = {r[2] for r in rows[2:]}
    assert descriptions == {'\'=HYPERLINK("http://x")', "Regional tasking review"}
    sheet = load_workbook(io.BytesIO(client.get(_url("actions_export", "xlsx")).content)).active
    cells = [row[2] for row in sheet.iter_rows(min_row=3)]
    formula = next(c for c in cells if str(c.value).startswith("="))
    assert formula.data_type == "s"


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_queries_do_not_grow_with_quarters(client, spr_lead, board, earlier, threat, business_lead):
    client.force_login(spr_lead)
    url = _url("board_export", "xlsx", **{"from": earlier.pk, "to": board.pk})
    before = _queries(client, url)
    older = QuarterFactory(
        financial_year=2015,
        number=2,
        edition=board.edition,
        submission_deadline=datetime.date(2015, 9, 11),
        meeting_date=datetime.date(2015, 9, 24),
    )
    sign_off(threat=threat, quarter=older, lead=business_lead, reviewer=spr_lead)
    url = _url("board_export", "xlsx", **{"from": older.pk, "to": board.pk})
    assert _queries(client, url) == before
