"""Threat lineage across SPR editions: a rename under a new edition leaves every past page
and paper as it was, and a successor threat carries movement, "start from last quarter" and
open improvement actions."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from assessments import services
from assessments.items import GRADED_ITEMS
from assessments.models import ImprovementAction
from assessments.selectors.board import quarter_board
from assessments.selectors.trends import threat_trend
from reports.paper.structure import build_paper
from tests.factories import (
    AssessmentFactory,
    EditionFactory,
    ImprovementActionFactory,
    QuarterFactory,
    ThreatFactory,
)
from tests.html import texts
from tests.reports.support import new_report, pdf_pages_text, publish, sign_off
from threats.models import ThreatName
from threats.naming import name_in, names_under

OLD, NEW = "National Cyber Security Incident", "national cyber event"


@pytest.fixture
def edition_2023(db):
    return EditionFactory(year=2023, published_on=datetime.date(2023, 2, 20))


@pytest.fixture
def quarter_2023(quarter, edition_2023):
    """The first 2023 quarter, open (the 2015/16 Q4 `quarter` is closed): there is no
    2022/23 Q4 in between."""
    quarter.is_open = False
    quarter.save()
    return QuarterFactory(
        financial_year=2023,
        number=1,
        edition=edition_2023,
        submission_deadline=datetime.date(2023, 6, 9),
        meeting_date=datetime.date(2023, 6, 22),
        is_open=True,
    )


@pytest.fixture
def cyber(threat, quarter):
    """The threat, as the 2015 edition words it."""
    threat.name = OLD
    threat.save()
    ThreatName.objects.create(threat=threat, edition=quarter.edition, name=OLD)
    return threat


def _rename(threat, edition):
    """What the administrator does for the 2023 SPR: a name row for 2023 (and, carelessly,
    the threat's own name too)."""
    ThreatName.objects.create(threat=threat, edition=edition, name=NEW)
    threat.name = NEW
    threat.save()


def _text(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_one_function_names_a_threat_for_each_quarter(cyber, quarter, quarter_2023):
    _rename(cyber, quarter_2023.edition)
    quarter.refresh_from_db()
    assert name_in(cyber, quarter) == OLD
    assert name_in(cyber, quarter_2023) == NEW
    assert names_under(quarter_2023.edition)[cyber.pk] == NEW


def test_a_rename_under_a_new_edition_leaves_every_past_page_and_paper_as_it_was(
    client,
    cyber,
    other_threat,
    quarter,
    business_lead,
    other_business_lead,
    spr_lead,
    edition_2023,
):
    signed = sign_off(threat=cyber, quarter=quarter, lead=business_lead, reviewer=spr_lead)
    sign_off(threat=other_threat, quarter=quarter, lead=other_business_lead, reviewer=spr_lead)
    report = publish(report=new_report(quarter, spr_lead), actor=spr_lead)
    pdf_before = bytes(report.pdf.content)
    paper_before = _text(client, spr_lead, reverse("reports:report_preview", args=[report.pk]))
    assert OLD in paper_before

    _rename(cyber, edition_2023)
    pages = {
        "board": reverse("assessments:quarter_board", kwargs={"pk": quarter.pk}),
        "detail": reverse("assessments:assessment_detail", kwargs={"pk": signed.pk}),
        "paper": reverse("reports:report_preview", args=[report.pk]),
        "report": reverse("reports:report_detail", args=[report.pk]),
    }
    for name, url in pages.items():
        page = _text(client, spr_lead, url)
        if name != "report":
            assert OLD in page, name
        assert NEW not in page, name
    export = _text(
        client, spr_lead, reverse("assessments:board_export", args=["csv"]) + "?from=&to="
    )
    assert NEW not in export
    lead_page = _text(client, business_lead, reverse("assessments:my_assessments"))
    assert NEW not in lead_page and OLD in lead_page
    report.refresh_from_db()
    assert bytes(report.pdf.content) == pdf_before
    assert OLD in " ".join(pdf_pages_text(pdf_before))
    assert [p.heading for s in build_paper(report)["sections"] for p in s.parts] == [
        OLD,
        other_threat.name,
    ]


def test_a_new_edition_quarter_shows_the_new_name(client, cyber, spr_lead, quarter_2023):
    _rename(cyber, quarter_2023.edition)
    page = _text(
        client, spr_lead, reverse("assessments:quarter_board", kwargs={"pk": quarter_2023.pk})
    )
    assert NEW in page and OLD not in page


@pytest.fixture
def public_order(threat, quarter):
    threat.name = "Public Order"
    threat.save()
    return threat


@pytest.fixture
def public_disorder(public_order, edition_2023, quarter_2023):
    public_order.retired_in = edition_2023
    public_order.full_clean()
    public_order.save()
    successor = ThreatFactory(
        name="Public Disorder",
        slug="public-disorder",
        added_in=edition_2023,
        succeeds=public_order,
        owning_department=public_order.owning_department,
        chief_officer_lead=public_order.chief_officer_lead,
    )
    successor.full_clean()
    return successor


def test_a_successor_carries_movement_start_from_last_quarter_and_open_actions(
    client,
    public_order,
    quarter,
    business_lead,
    spr_lead,
    edition_2023,
    quarter_2023,
    public_disorder,
):
    sign_off_grade = 2
    earlier = sign_off(
        threat=public_order, quarter=quarter, lead=business_lead, reviewer=spr_lead, grade=2
    )
    action = ImprovementActionFactory(raised_in=earlier, created_by=business_lead)
    closed = ImprovementActionFactory(raised_in=earlier, created_by=business_lead)
    ImprovementAction.objects.filter(pk=closed.pk).update(
        status="closed", closed_on=datetime.date(2016, 3, 1), closed_in=earlier
    )

    # Start from last quarter: the predecessor's signed-off content.
    started = services.assessment_start(
        threat=public_disorder, quarter=quarter_2023, actor=business_lead, from_previous=True
    )
    assert {started.grade_of(item) for item in GRADED_ITEMS} == {sign_off_grade}
    assert started.summary == earlier.summary

    # Open actions carry over; closed ones do not.
    carried = list(ImprovementAction.objects.for_assessment(started))
    assert carried == [action]

    # Movement: the board compares with the predecessor's last signed-off grades, and names
    # the quarter that exists (2015/16 Q4), never "2022/23 Q4".
    board = quarter_board(spr_lead, quarter_2023)
    row = next(r for r in board.rows if r.threat.pk == public_disorder.pk)
    assert row.compared_with == "2015/16 Q4"
    assert any(cell.previous == sign_off_grade for cell in row.cells)
    assert board.previous_label == "2015/16 Q4"
    page = _text(
        client, spr_lead, reverse("assessments:quarter_board", kwargs={"pk": quarter_2023.pk})
    )
    assert "2022/23 Q4" not in page
    assert "Public Order" not in page  # retired: not a row of a 2023 quarter

    # The board's spreadsheet measures movement the same way, and says against which quarter.
    client.force_login(spr_lead)
    url = reverse("assessments:board_export", args=["csv"]) + f"?from={quarter_2023.pk}"
    rows = list(csv.reader(io.StringIO(client.get(url).content.decode("utf-8-sig"))))
    mine = [r for r in rows[2:] if r[1] == public_disorder.name]
    assert mine and {(r[8], r[12]) for r in mine} == {("Requires improvement", "2015/16 Q4")}

    # Its trend over every quarter starts with its predecessor's quarters.
    assert [row["quarter"] for row in threat_trend(spr_lead, public_disorder).rows] == [
        "2015/16 Q4"
    ]


def test_the_home_page_lists_waiting_work_under_its_quarters_wording(
    client, cyber, quarter, quarter_2023, business_lead, spr_lead
):
    AssessmentFactory(threat=cyber, quarter=quarter, returned=True, lead=business_lead)
    AssessmentFactory(threat=cyber, quarter=quarter_2023, submitted=True, lead=business_lead)
    _rename(cyber, quarter_2023.edition)
    lead_home = _text(client, business_lead, reverse("home"))
    assert texts(lead_home, "#returned-to-me li")[0].startswith(f"{OLD}, 2015/16 Q4: revise it")
    review_home = _text(client, spr_lead, reverse("home"))
    assert texts(review_home, "#for-my-review li")[0].startswith(f"{NEW}, 2023/24 Q1: submitted")


@pytest.mark.template_context
def test_the_actions_register_follows_succession(
    client, public_order, quarter, business_lead, spr_lead, public_disorder
):
    earlier = sign_off(threat=public_order, quarter=quarter, lead=business_lead, reviewer=spr_lead)
    carried = ImprovementActionFactory(
        raised_in=earlier, description="Carried from Public Order", created_by=business_lead
    )
    client.force_login(spr_lead)
    url = reverse("assessments:actions_register")
    response = client.get(url, {"threat": public_disorder.pk})
    assert [a.pk for a in response.context["actions"]] == [carried.pk]
    assert "Carried from Public Order" in response.content.decode()
    # The retired threat's own filter still shows it; the successor's never goes backwards.
    assert [a.pk for a in client.get(url, {"threat": public_order.pk}).context["actions"]] == [
        carried.pk
    ]
