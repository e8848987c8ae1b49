"""Last quarter's words do not reach the paper unseen: "Use these summaries" and the publish
confirmation say which summary is unchanged since which quarter (the lead's own rule of
Check your answers), and the draft flags a part that names a quarter other than its own."""

from types import SimpleNamespace

import pytest
from django.urls import reverse

from reports.selectors_draft import CHECK, draft_state, other_quarters_named
from reports.services import report_section_update
from reports.services.late import report_take_in_late_sign_offs
from tests.html import select, text, texts
from tests.reports.support import new_report, sign_off, signed_off_quarter_before

pytestmark = pytest.mark.django_db

Q4 = SimpleNamespace(financial_year=2015, number=4)  # 2015/16 Q4, the quarter of the paper


@pytest.mark.parametrize(
    "summary, named",
    [
        ("Position at 2015/16 Q3. The teams are in post.", ["2015/16 Q3"]),
        ("Since Q3 2015/16 the teams are in post.", ["2015/16 Q3"]),
        ("In quarter 3 the teams were recruited.", ["quarter 3"]),
        ("Compared with 2014/15 Q4 and 2015/16 Q3.", ["2014/15 Q4", "2015/16 Q3"]),
        ("Position at 2015/16 Q4. The teams are in post.", []),
        ("In quarter 4 the teams are in post; Q4 2015/16 closes well.", []),
        ("Three teams, 24 officers, 2 quarters of training.", []),
    ],
)
def test_the_quarters_a_summary_names_other_than_its_own(summary, named):
    assert other_quarters_named(summary, Q4) == named


@pytest.fixture
def last_quarter(quarter, threat, other_threat, business_lead, other_business_lead, spr_lead):
    """2015/16 Q3, both threats signed off with the summaries they keep this quarter."""
    leads = ((threat, business_lead), (other_threat, other_business_lead))
    return signed_off_quarter_before(quarter, leads=leads, reviewer=spr_lead)


@pytest.fixture
def drafted_early(
    last_quarter, quarter, threat, other_threat, business_lead, other_business_lead, spr_lead
):
    """This quarter's draft, made when one threat was signed off with last quarter's summary;
    the other is signed off afterwards, its summary unchanged too."""
    sign_off(threat=threat, quarter=quarter, lead=business_lead, reviewer=spr_lead)
    report = new_report(quarter, spr_lead)
    sign_off(threat=other_threat, quarter=quarter, lead=other_business_lead, reviewer=spr_lead)
    return report


def test_use_these_summaries_says_which_is_unchanged_since_which_quarter(
    client, spr_lead, drafted_early
):
    client.force_login(spr_lead)
    page = client.get(reverse("reports:report_late_sign_offs", args=[drafted_early.pk]))
    assert texts(page, "#late-summaries .govuk-tag") == ["Unchanged since 2015/16 Q3"]


def test_the_publish_confirmation_says_which_summaries_are_unchanged(
    client, spr_lead, drafted_early
):
    report_take_in_late_sign_offs(
        report=drafted_early, actor=spr_lead, revision=drafted_early.revision
    )
    client.force_login(spr_lead)
    page = client.get(reverse("reports:report_publish", args=[drafted_early.pk]))
    assert texts(page, "#unchanged-summaries li") == [
        "Child Sexual Abuse: unchanged since 2015/16 Q3",
        "Serious and Organised Crime: unchanged since 2015/16 Q3",
    ]


def test_no_summary_is_called_unchanged_when_it_was_rewritten(
    last_quarter, quarter, threat, business_lead, spr_lead
):
    sign_off(
        threat=threat,
        quarter=quarter,
        lead=business_lead,
        reviewer=spr_lead,
        summary="New teams are in post this quarter and the backlog is cleared.",
    )
    assert draft_state(new_report(quarter, spr_lead)).unchanged == {}


def test_the_draft_flags_a_part_that_names_another_quarter(
    client, spr_lead, quarter, threat, business_lead
):
    sign_off(threat=threat, quarter=quarter, lead=business_lead, reviewer=spr_lead)
    report = new_report(quarter, spr_lead)
    section = report.threat_sections.get(threat=threat)
    report_section_update(
        section=section,
        actor=spr_lead,
        body="Position at 2015/16 Q3. The specialist teams are in post.",
        revision=report.revision,
    )
    (task,) = [t for t in draft_state(report).tasks if t.id == "threat-child-sexual-abuse"]
    assert task.state == CHECK
    client.force_login(spr_lead)
    page = client.get(reverse("reports:report_detail", args=[report.pk]))
    assert texts(page, "#threat-child-sexual-abuse-status") == ["Check"]
    (hint,) = select(page, "#threat-child-sexual-abuse-hint")
    assert "Names 2015/16 Q3, not 2015/16 Q4" in text(hint)
    edit = client.get(reverse("reports:report_edit_threat", args=[report.pk, section.pk]))
    assert "names 2015/16 Q3, not 2015/16 Q4" in text(select(edit, "#other-quarter")[0])
