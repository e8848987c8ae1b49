"""Trends: the force's and one threat's average signed-off grades over every quarter, as an
SVG chart (labelled points, grade names on the axis, no script or style) with a table, for
the roles of the quarter board only and only their threats; a fixed number of queries."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments.models import Quarter
from tests.conftest import ROLE_FIXTURES
from tests.factories import QuarterFactory
from tests.html import one, title
from tests.reports.support import sign_off

pytestmark = pytest.mark.django_db

BOARD = {
    "spr_lead",
    "chief_officer",
    "other_chief_officer",
    "pcc_office",
    "business_lead",
    "other_business_lead",
}


@pytest.fixture
def history(quarter, threat, other_threat, business_lead, other_business_lead, spr_lead):
    earlier = QuarterFactory(
        financial_year=2015,
        number=3,
        edition=quarter.edition,
        submission_deadline=datetime.date(2015, 12, 11),
        meeting_date=datetime.date(2015, 12, 24),
    )
    sign_off(threat=threat, quarter=earlier, lead=business_lead, reviewer=spr_lead, grade=2)
    sign_off(threat=threat, quarter=quarter, lead=business_lead, reviewer=spr_lead, grade=4)
    sign_off(threat=other_threat, quarter=quarter, lead=other_business_lead, reviewer=spr_lead)
    Quarter.objects.filter(pk=earlier.pk).update(is_open=False)
    return earlier


@pytest.mark.template_context
def test_force_trend_chart_and_table(client, spr_lead, history):
    client.force_login(spr_lead)
    response = client.get(reverse("assessments:force_trends"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="img"' in html and '<title id="force-trend-title">' in html
    assert "4 Good" in html and "1 Inadequate" in html  # the axis names the grades
    assert html.count("<circle") == 2  # one labelled point per quarter
    assert ">2.0</text>" in html and ">4.0</text>" in html
    assert "style=" not in html and "<script>" not in html
    rows = response.context["trend"]["rows"]
    assert [(r["quarter"], r["average"], r["threats"]) for r in rows] == [
        ("2015/16 Q3", 2.0, [2.0, None]),
        ("2015/16 Q4", 4.0, [4.0, 4.0]),
    ]


@pytest.mark.template_context
def test_threat_trend_gives_every_item(client, spr_lead, history, threat):
    client.force_login(spr_lead)
    response = client.get(reverse("assessments:threat_trends", args=[threat.slug]))
    assert response.status_code == 200
    rows = response.context["trend"].rows
    assert [r["quarter"] for r in rows] == ["2015/16 Q3", "2015/16 Q4"]
    assert rows[0]["grades"] == [2] * 9 and rows[1]["average"] == 4.0


@pytest.mark.parametrize("role", ROLE_FIXTURES)
@pytest.mark.template_context
def test_need_to_know(request, client, role, history, threat, other_threat):
    client.force_login(request.getfixturevalue(role))
    force = client.get(reverse("assessments:force_trends"))
    mine = client.get(reverse("assessments:threat_trends", args=[threat.slug]))
    if role not in BOARD:
        assert (force.status_code, mine.status_code) == (403, 403)
        return
    shown = {t.name for t in force.context["trend"]["threats"]}
    expected = {
        "chief_officer": {threat.name},
        "other_chief_officer": {other_threat.name},
        "business_lead": {threat.name},
        "other_business_lead": {other_threat.name},
    }.get(role, {threat.name, other_threat.name})
    assert shown == expected
    assert mine.status_code == (200 if threat.name in expected else 404)


def test_a_threat_s_trend_is_headed_with_its_name_as_worded_now(
    client, spr_lead, history, threat, quarter
):
    """One place words a threat: the edition's wording of the current quarter, as on the
    board and in the paper, not the threat's own name."""
    from threats.models import ThreatName

    ThreatName.objects.create(
        threat=threat, edition=quarter.edition, name="Child Sexual Abuse and Exploitation"
    )
    client.force_login(spr_lead)
    html = client.get(reverse("assessments:threat_trends", args=[threat.slug])).content.decode()
    assert title(html).startswith("Child Sexual Abuse and Exploitation: trend")
    assert one(html, "h1").get_text(strip=True) == "Child Sexual Abuse and Exploitation"


def test_an_unknown_threat_is_a_404(client, spr_lead, history):
    client.force_login(spr_lead)
    url = reverse("assessments:threat_trends", args=["no-such-threat"])
    assert client.get(url).status_code == 404


@pytest.mark.template_context
def test_queries_do_not_grow_with_quarters(client, spr_lead, history, threat, business_lead):
    client.force_login(spr_lead)
    url = reverse("assessments:force_trends")
    # Both counted on an empty cache (spr_portal/cache_stamp.py): what the page reads when it
    # builds afresh must not grow with the quarters.
    client.get(url)
    cache.clear()
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    older = QuarterFactory(
        financial_year=2015,
        number=2,
        edition=history.edition,
        submission_deadline=datetime.date(2015, 9, 11),
        meeting_date=datetime.date(2015, 9, 24),
    )
    sign_off(threat=threat, quarter=older, lead=business_lead, reviewer=spr_lead)
    client.get(url)
    cache.clear()
    with CaptureQueriesContext(connection) as after:
        response = client.get(url)
    assert len(response.context["trend"]["rows"]) == 3
    assert len(after) == len(before)
