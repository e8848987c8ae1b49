"""Each reason a board report cannot be published yet, one at a time: the draft's state names
it with the anchor the publish page links to, and report_publish refuses and stores no PDF."""

import pytest

from reports.models import BoardReport, BoardReportThreatSection, PublishedPdf, ReportStatus
from reports.selectors_draft import draft_state
from reports.services import ReportNotReady, report_publish
from tests.factories import AssessmentFactory, EditionFactory, ThreatFactory
from tests.reports.support import new_report, sign_off

pytestmark = pytest.mark.django_db

# The text sections of the reference paper, each of which must have text to publish.
TEXT_SECTIONS = [
    ("purpose", "Purpose of report"),
    ("introduction", "Introduction"),
    ("management_processes", "Management processes"),
    ("conclusion", "Conclusion"),
    ("financial_implications", "Financial implications"),
    ("legal_implications", "Legal implications"),
    ("recommendations", "Recommendations"),
]


def _assert_refused_for(report, actor, blocker: tuple[str, str]) -> None:
    assert draft_state(report).blockers == [blocker]
    with pytest.raises(ReportNotReady) as refused:
        report_publish(report=report, actor=actor, revision=report.revision)
    assert refused.value.blockers == [blocker]
    assert refused.value.messages == [blocker[1]]
    report.refresh_from_db()
    assert (report.status, report.published_at, report.published_by) == (
        ReportStatus.DRAFT,
        None,
        None,
    )
    assert not PublishedPdf.objects.exists()


def test_a_complete_draft_has_no_blockers_even_without_the_optional_closing_text(
    signed_quarter, spr_lead
):
    report = new_report(signed_quarter, spr_lead)
    BoardReport.objects.filter(pk=report.pk).update(summary_closing="")
    report.refresh_from_db()
    assert draft_state(report).blockers == []


@pytest.mark.parametrize(("state", "label"), [("submitted", "submitted"), ("returned", "returned")])
def test_a_threat_not_signed_off(
    state, label, quarter, threat, other_threat, business_lead, other_business_lead, spr_lead
):
    sign_off(threat=threat, quarter=quarter, lead=business_lead, reviewer=spr_lead)
    AssessmentFactory(
        threat=other_threat, quarter=quarter, lead=other_business_lead, **{state: True}
    )
    report = new_report(quarter, spr_lead)
    _assert_refused_for(
        report,
        spr_lead,
        (
            "threat-serious-organised-crime",
            f"The self-assessment of Serious and Organised Crime for 2015/16 Q4 is {label}, "
            "not signed off: it must be signed off before the report is published",
        ),
    )


def test_a_signed_off_threat_with_no_part_in_the_report(signed_quarter, spr_lead, threat):
    report = new_report(signed_quarter, spr_lead)
    report.threat_sections.filter(threat=threat).delete()
    _assert_refused_for(
        report,
        spr_lead,
        # Its signed-off summary is there to take in: the blocker says so and links there.
        ("late-sign-offs", "Child Sexual Abuse was signed off after this draft: use its summary"),
    )


def test_an_empty_threat_summary(signed_quarter, spr_lead, threat):
    report = new_report(signed_quarter, spr_lead)
    report.threat_sections.filter(threat=threat).update(body=" \n\n ")
    _assert_refused_for(
        report,
        spr_lead,
        ("late-sign-offs", "Child Sexual Abuse was signed off after this draft: use its summary"),
    )


def test_a_part_for_a_threat_outside_the_quarters_edition(signed_quarter, spr_lead):
    report = new_report(signed_quarter, spr_lead)
    later = ThreatFactory(
        name="Violence Against Women and Girls",
        slug="vawg",
        added_in=EditionFactory(year=2023),
    )
    BoardReportThreatSection.objects.create(
        report=report, threat=later, body="The VAWG plan is in place.", display_order=9
    )
    _assert_refused_for(
        report,
        spr_lead,
        (
            "threat-vawg",
            "Violence Against Women and Girls is not a national threat of the "
            "Strategic Policing Requirement 2015",
        ),
    )


@pytest.mark.parametrize(("code", "heading"), TEXT_SECTIONS)
def test_an_empty_text_section(code, heading, signed_quarter, spr_lead):
    report = new_report(signed_quarter, spr_lead)
    BoardReport.objects.filter(pk=report.pk).update(**{code: "  \n "})
    report.refresh_from_db()
    _assert_refused_for(report, spr_lead, (f"section-{code}", f"“{heading}” is empty: write it"))


def test_every_blocker_is_listed_at_once_in_page_order(
    quarter, threat, other_threat, business_lead, spr_lead
):
    sign_off(threat=threat, quarter=quarter, lead=business_lead, reviewer=spr_lead)
    report = new_report(quarter, spr_lead)
    report.threat_sections.filter(threat=threat).update(body="")
    BoardReport.objects.filter(pk=report.pk).update(purpose="", recommendations="")
    report.refresh_from_db()
    assert [anchor for anchor, _ in draft_state(report).blockers] == [
        "late-sign-offs",
        "threat-serious-organised-crime",
        "section-purpose",
        "section-recommendations",
    ]
