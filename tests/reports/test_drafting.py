"""A new board report is pre-filled from the SPR edition in force and the quarter's
signed-off self-assessments, worded like the reference paper."""

import datetime
import re

import pytest

from assessments import services
from assessments.models.quarter import financial_year_label
from reports.models import BoardReport, ReportStatus
from reports.paper.drafting import draft_text, threat_parts
from tests.reports.support import new_report, sign_off
from threats.demo import FORCE_PROFILE
from threats.models import ForceProfile, SprEdition

pytestmark = pytest.mark.django_db


def test_each_threat_part_is_its_signed_off_summary_in_display_order(signed_quarter, spr_lead):
    report = new_report(signed_quarter, spr_lead)
    sections = list(report.threat_sections.select_related("threat"))
    assert [s.threat.name for s in sections] == [t.name for t in signed_quarter.edition.threats()]
    csa = next(s for s in sections if s.threat.slug == "child-sexual-abuse")
    assert (
        csa.body == "CSA is a new threat within the 2015 SPR.\n\n- Specialist officers\n"
        "- Safeguarding hubs"
    )


def test_the_part_comes_from_what_was_signed_not_from_later_edits(
    quarter, threat, other_threat, business_lead, other_business_lead, spr_lead
):
    signed = sign_off(threat=threat, quarter=quarter, lead=business_lead, reviewer=spr_lead)
    # Reopened after sign-off and changed: the report must not pick up the unsigned words.
    reopened = services.assessment_reopen(assessment=signed, actor=spr_lead, reason="Typo")
    services.assessment_save_draft(
        assessment=reopened,
        actor=business_lead,
        data={"summary": "Unsigned words that must not reach the board."},
        revision=reopened.revision,
    )
    sign_off(threat=other_threat, quarter=quarter, lead=other_business_lead, reviewer=spr_lead)
    report = new_report(quarter, spr_lead)
    part = report.threat_sections.get(threat=threat)
    assert part.body == ""
    assert [p.threat for p in threat_parts(quarter) if not p.is_signed_off] == [threat]


def test_a_threat_not_signed_off_is_shown_as_such(quarter, threat, other_threat, spr_lead):
    parts = {p.threat: p for p in threat_parts(quarter)}
    assert not parts[threat].is_signed_off
    assert parts[threat].status_label == "Not started"
    assert parts[threat].signed_summary == ""


def test_introduction_names_the_threats_and_their_owning_departments(signed_quarter, spr_lead):
    report = new_report(signed_quarter, spr_lead)
    intro = report.introduction
    assert "- Child Sexual Abuse\n- Serious and Organised Crime" in intro
    assert "- Child Sexual Abuse: Public Protection Unit" in intro
    assert "- Serious and Organised Crime: Force CID" in intro
    # The only edition in this test, yet 2015's was a refresh: the SPR was first issued in 2012.
    assert "The SPR was refreshed in 2015" in intro


def test_purpose_cites_the_previous_report_and_the_next_plan_year(signed_quarter, spr_lead):
    earlier = new_report(signed_quarter, spr_lead)
    # Stands for a paper of an earlier quarter, heard in December 2014.
    BoardReport.objects.filter(pk=earlier.pk).update(
        status=ReportStatus.PUBLISHED,
        published_at=earlier.created_at,
        published_by=spr_lead,
        meeting_date=datetime.date(2014, 12, 16),
    )
    earlier.refresh_from_db()
    text = draft_text(
        quarter=signed_quarter,
        meeting_date=datetime.date(2016, 2, 2),
        previous_report=earlier,
        board_name="Strategic Policing and Crime Board",
        actor=spr_lead,
    )
    assert "update to the last report to the PCC in December 2014" in text["purpose"]
    assert "Police and Crime Plan for 2016/17" in text["purpose"]
    assert text["legal_implications"] == "None"
    assert "Strategic Policing and Crime Board note the contents" in text["recommendations"]


def test_conclusion_counts_the_grades_of_the_signed_off_assessments(signed_quarter, spr_lead):
    report = new_report(signed_quarter, spr_lead)
    assert (
        "Of the 18 graded items of the 2 signed-off self-assessments for 2015/16 Q4, 18 "
        "are graded Good or Outstanding" in report.conclusion
    )


def test_financial_year_labels():
    assert financial_year_label(2016) == "2016/17"
    assert financial_year_label(1999) == "1999/00"


def _drafted(quarter, actor, force=None) -> dict:
    return draft_text(
        quarter=quarter,
        meeting_date=datetime.date(2016, 4, 12),
        previous_report=None,
        board_name="the board",
        actor=actor,
        force=force,
    )


def test_the_national_policing_requirement_is_named_only_under_the_2012_edition(
    signed_quarter, spr_lead
):
    text = "\n".join(_drafted(signed_quarter, spr_lead).values())
    assert "National Policing Requirement" not in text and "NPR" not in text
    assert "must have regard to the SPR when exercising their functions" in text
    SprEdition.objects.filter(pk=signed_quarter.edition_id).update(year=2012)
    signed_quarter.edition.refresh_from_db()
    intro = _drafted(signed_quarter, spr_lead)["introduction"]
    assert "The SPR was issued in 2012" in intro
    assert "follows the National Policing Requirement (NPR)" in intro


def test_a_force_led_by_a_commissioner_is_drafted_in_its_own_words(signed_quarter, spr_lead):
    force = ForceProfile(
        **{
            **FORCE_PROFILE,
            "force_name": "Metropolitan Police Service",
            "short_name": "the MPS",
            "chief_officer_title": "Commissioner",
        }
    )
    drafted = _drafted(signed_quarter, spr_lead, force)
    text = "\n\n".join(drafted.values())
    assert "Chief Constable" not in text
    assert "The Commissioner, having due regard" in drafted["management_processes"]
    assert "the Commissioner and the Command Team" in drafted["conclusion"]
    assert drafted["management_processes"].startswith("The MPS have quarterly meetings")
    assert drafted["conclusion"].startswith("The MPS are proven")
    # Never "the MPS" where a sentence starts (after a full stop, or a paragraph's start).
    assert re.search(r"(?:^|[.:!?]\s+)the MPS", text, re.MULTILINE) is None


def test_the_demo_force_keeps_the_words_that_were_right(signed_quarter, spr_lead):
    drafted = _drafted(signed_quarter, spr_lead)
    assert ForceProfile.current().chief_officer_title == "Chief Constable"
    assert drafted["management_processes"].startswith(
        "WMP have quarterly meetings, chaired by the SPR lead, to hold each of the departments"
    )
    assert (
        "The Chief Constable, having due regard, directs the strategic assessment"
        in (drafted["management_processes"])
    )
    assert drafted["conclusion"].startswith("WMP are proven to have strong business processes")
    assert (
        "It is recommended that the Chief Constable and the Command Team continue"
        in (drafted["conclusion"])
    )
    assert "WMP has a Chief Officer lead (the SPR lead) for the SPR" in drafted["introduction"]
