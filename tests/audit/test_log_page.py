"""The audit log page and its CSV: filters by person, threat, quarter, action and dates;
pages of 50; every matching row in the CSV. Who may read them (the SPR lead and
administrators): the URL matrix, tests/test_url_matrix.py."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from assessments import services
from audit.models import AuditAction, AuditEvent
from audit.services import audit_record
from tests.html import text

pytestmark = pytest.mark.django_db

LOG = reverse("audit:audit_log")
CSV = reverse("audit:audit_log_csv")


@pytest.fixture
def history(threat, other_threat, quarter, business_lead, other_business_lead, spr_lead):
    mine = services.assessment_start(threat=threat, quarter=quarter, actor=business_lead)
    services.assessment_start(threat=other_threat, quarter=quarter, actor=other_business_lead)
    services.assessment_save_draft(
        assessment=mine, actor=business_lead, data={"risks": "=1+1"}, revision=mine.revision
    )
    return mine


def _rows(response):
    return response.context["page"].object_list


@pytest.mark.template_context
def test_filters_narrow_the_rows(client, spr_lead, business_lead, threat, other_threat, history):
    client.force_login(spr_lead)
    everything = _rows(client.get(LOG))
    assert len(everything) == 4  # the three writes and the SPR lead's own sign-in
    assert everything[0].action == AuditAction.SIGNED_IN
    by_person = _rows(client.get(LOG, {"person": business_lead.pk}))
    assert {r.actor for r in by_person} == {business_lead} and len(by_person) == 2
    by_threat = _rows(client.get(LOG, {"threat": other_threat.pk}))
    assert [r.threat for r in by_threat] == [other_threat]
    saved = _rows(client.get(LOG, {"action": AuditAction.ASSESSMENT_SAVED}))
    assert [r.summary for r in saved] == ["Risks: (empty) → =1+1"]
    today = datetime.date.today()
    tomorrow = today + datetime.timedelta(days=1)
    day = {"since_0": tomorrow.day, "since_1": tomorrow.month, "since_2": tomorrow.year}
    assert not _rows(client.get(LOG, day))
    page = text(client.get(LOG, {"person": business_lead.pk}))
    assert "2 records match the filters" in page


def test_a_bad_filter_is_explained_not_a_500(client, spr_lead, history):
    client.force_login(spr_lead)
    response = client.get(
        LOG,
        {"threat": "not-a-threat", "since_0": "31", "since_1": "2", "since_2": "2016"},
    )
    assert response.status_code == 200
    page = text(response)
    assert "There is a problem" in page
    assert "Choose a threat from the list" in page
    assert "The from must be a real date" in page


@pytest.mark.template_context
def test_fifty_rows_a_page(client, spr_lead):
    client.force_login(spr_lead)  # one row: the sign-in
    for n in range(54):
        audit_record(actor=spr_lead, action=AuditAction.QUARTER_CHANGED, summary=f"Row {n}")
    first = client.get(LOG)
    assert len(_rows(first)) == 50 and "Page 1 of 2" in text(first)
    second = client.get(LOG, {"page": 2})
    assert [r.summary for r in _rows(second)] == ["Row 3", "Row 2", "Row 1", "Row 0", ""]


def test_the_csv_has_every_matching_row_marked_and_safe_from_formulas(
    client, spr_lead, business_lead, history
):
    client.force_login(spr_lead)
    response = client.get(CSV, {"person": business_lead.pk})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["OFFICIAL-SENSITIVE"]
    assert rows[1][:3] == ["When (UTC)", "Who", "What"]
    assert [r[1] for r in rows[2:]] == ["lead.owner", "lead.owner"]  # newest first
    assert [r[2] for r in rows[2:]] == [
        "Self-assessment saved as draft",
        "Self-assessment started",
    ]
    assert rows[2][6] == "Risks: (empty) → =1+1"
    assert AuditEvent.objects.count() == 4


def test_the_csv_escapes_a_cell_that_starts_like_a_formula(client, spr_lead):
    client.force_login(spr_lead)
    audit_record(actor=spr_lead, action=AuditAction.QUARTER_CHANGED, summary="=HYPERLINK(1)")
    rows = list(csv.reader(io.StringIO(client.get(CSV).content.decode())))
    assert rows[2][6] == "'=HYPERLINK(1)"


def test_a_failed_sign_in_named_like_a_formula_is_text_in_every_cell(client, spr_lead):
    """Anyone, signed in or not, chooses the "Who" of a failed sign-in."""
    name = '=HYPERLINK("http://x","y")'
    client.post(reverse("login"), {"username": name, "password": "x"})
    client.force_login(spr_lead)
    rows = list(csv.reader(io.StringIO(client.get(CSV).content.decode())))
    failed = next(row for row in rows[2:] if row[2] == "Sign-in failed")
    assert failed[1] == "'" + name
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
