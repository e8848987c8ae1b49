"""The rules of a board report: who may draft it, the optimistic lock, publishing only when
every threat is signed off, a frozen PDF, and corrections as new versions."""

import datetime
import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from reports.models import BoardReport, ReportStatus
from reports.services import (
    ConcurrentEdit,
    ReportNotReady,
    report_correct,
    report_section_update,
    report_update,
)
from tests.reports.support import new_report, publish, sign_off

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "role", ["business_lead", "chief_officer", "pcc_office", "administrator", "no_role_user"]
)
def test_only_the_spr_lead_drafts_a_report(request, role, signed_quarter):
    with pytest.raises(PermissionDenied):
        new_report(signed_quarter, request.getfixturevalue(role))
    assert not BoardReport.objects.exists()


def test_update_saves_text_and_bumps_the_revision(signed_quarter, spr_lead):
    report = new_report(signed_quarter, spr_lead)
    updated = report_update(
        report=report,
        actor=spr_lead,
        data={"purpose": "New purpose.  \r\n\r\n- one", "agenda_item": "9"},
        revision=report.revision,
    )
    assert updated.purpose == "New purpose.\n\n- one"
    assert (updated.agenda_item, updated.revision) == ("9", report.revision + 1)


def test_a_stale_revision_is_refused_and_nothing_is_saved(signed_quarter, spr_lead):
    report = new_report(signed_quarter, spr_lead)
    opened_at = report.revision
    report_update(report=report, actor=spr_lead, data={"purpose": "First."}, revision=opened_at)
    with pytest.raises(ConcurrentEdit) as refused:
        report_update(
            report=report, actor=spr_lead, data={"purpose": "Second."}, revision=opened_at
        )
    assert refused.value.current.purpose == "First."
    section = report.threat_sections.first()
    with pytest.raises(ConcurrentEdit):
        report_section_update(section=section, actor=spr_lead, body="X.", revision=opened_at)
    report.refresh_from_db()
    assert report.purpose == "First."


def test_a_required_section_cannot_be_emptied(signed_quarter, spr_lead):
    report = new_report(signed_quarter, spr_lead)
    with pytest.raises(ValidationError) as refused:
        report_update(report=report, actor=spr_lead, data={"conclusion": "  "}, revision=1)
    assert "conclusion" in refused.value.message_dict
    report_update(report=report, actor=spr_lead, data={"summary_closing": ""}, revision=1)


def test_unknown_fields_are_refused(signed_quarter, spr_lead):
    report = new_report(signed_quarter, spr_lead)
    with pytest.raises(ValidationError):
        report_update(report=report, actor=spr_lead, data={"status": "published"}, revision=1)


def test_publishing_is_refused_while_a_threat_is_not_signed_off(
    quarter, threat, other_threat, business_lead, spr_lead
):
    sign_off(threat=threat, quarter=quarter, lead=business_lead, reviewer=spr_lead)
    report = new_report(quarter, spr_lead)
    with pytest.raises(ReportNotReady) as refused:
        publish(report=report, actor=spr_lead)
    assert refused.value.blockers == [
        (
            "threat-serious-organised-crime",
            "The self-assessment of Serious and Organised Crime for 2015/16 Q4 is not started, "
            "not signed off: it must be signed off before the report is published",
        )
    ]
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT and not hasattr(report, "pdf")


def test_publishing_stores_the_pdf_once_with_its_checksum(signed_quarter, spr_lead, pcc_office):
    report = new_report(signed_quarter, spr_lead)
    with pytest.raises(PermissionDenied):
        publish(report=report, actor=pcc_office)
    at = datetime.datetime(2016, 4, 12, 9, tzinfo=datetime.UTC)
    published = publish(report=report, actor=spr_lead, at=at)
    stored = published.pdf
    content = bytes(stored.content)
    assert content.startswith(b"%PDF-1.7")
    assert stored.sha256 == hashlib.sha256(content).hexdigest()
    assert stored.size == len(content) and stored.pages >= 3
    assert (published.status, published.published_at, published.published_by) == (
        ReportStatus.PUBLISHED,
        at,
        spr_lead,
    )
    assert published.frozen_annex["quarter"] == "2015/16 Q4"


def test_a_published_report_cannot_change(signed_quarter, spr_lead):
    report = publish(report=new_report(signed_quarter, spr_lead), actor=spr_lead)
    with pytest.raises(ValidationError, match="cannot be changed"):
        report_update(
            report=report, actor=spr_lead, data={"purpose": "Changed."}, revision=report.revision
        )
    with pytest.raises(ValidationError, match="cannot be changed"):
        report_section_update(
            section=report.threat_sections.first(),
            actor=spr_lead,
            body="Changed.",
            revision=report.revision,
        )
    with pytest.raises(ValidationError):
        publish(report=report, actor=spr_lead)


def test_a_correction_supersedes_the_published_version_when_published(signed_quarter, spr_lead):
    original = publish(report=new_report(signed_quarter, spr_lead), actor=spr_lead)
    original_pdf = bytes(original.pdf.content)
    with pytest.raises(ValidationError):
        report_correct(report=original, actor=spr_lead, note=" ")
    correction = report_correct(report=original, actor=spr_lead, note="Corrects the date.")
    assert (correction.version, correction.status, correction.supersedes) == (
        2,
        ReportStatus.DRAFT,
        original,
    )
    assert correction.purpose == original.purpose
    assert [s.body for s in correction.threat_sections.all()] == [
        s.body for s in original.threat_sections.all()
    ]
    with pytest.raises(ValidationError, match="already being drafted"):
        report_correct(report=original, actor=spr_lead, note="Again.")
    original.refresh_from_db()
    assert original.status == ReportStatus.PUBLISHED  # until the correction is published

    publish(report=correction, actor=spr_lead)
    original.refresh_from_db()
    assert original.status == ReportStatus.SUPERSEDED
    assert bytes(original.pdf.content) == original_pdf  # both stay downloadable, unchanged
    assert correction.pdf_filename == "2016-04-12-spr-board-report-v2.pdf"
    with pytest.raises(ValidationError):
        report_correct(report=original, actor=spr_lead, note="A superseded one.")


def test_the_previous_report_must_be_published_and_earlier(signed_quarter, spr_lead):
    draft = new_report(signed_quarter, spr_lead)
    with pytest.raises(ValidationError):
        new_report(signed_quarter, spr_lead, previous_report=draft)
    published = publish(report=draft, actor=spr_lead)
    with pytest.raises(ValidationError):
        new_report(signed_quarter, spr_lead, previous_report=published)  # same meeting date
    later = new_report(
        signed_quarter, spr_lead, previous_report=published, meeting_date=datetime.date(2016, 6, 1)
    )
    assert later.previous_report == published


def test_a_second_paper_for_a_quarter_already_reported_needs_confirming(signed_quarter, spr_lead):
    # A draft does not report the quarter yet: a second draft needs no confirmation.
    first = new_report(signed_quarter, spr_lead, confirm_second=False)
    new_report(signed_quarter, spr_lead, confirm_second=False)
    publish(report=first, actor=spr_lead)
    later = {"meeting_date": datetime.date(2016, 6, 7)}
    with pytest.raises(ValidationError) as refused:
        new_report(signed_quarter, spr_lead, confirm_second=False, **later)
    assert refused.value.message_dict == {
        "confirm_second": [
            f"{signed_quarter.label} is already reported in the board report of 12 April "
            "2016: confirm that you want a second report, or correct that one instead"
        ]
    }
    assert BoardReport.objects.count() == 2
    assert new_report(signed_quarter, spr_lead, confirm_second=True, **later).is_draft
