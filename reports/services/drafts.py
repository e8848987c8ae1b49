"""Drafting a board report: a new draft pre-filled from the quarter, then its details and
each section's text, every save refused if the report changed since the form was opened."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from audit.models import AuditAction
from audit.services import audit_record, model_update
from reports.models import (
    BoardReport,
    BoardReportThreatSection,
    ReportStatus,
    meeting_date_refusal,
)
from reports.paper.drafting import DEFAULT_TITLE, draft_text, profile, threat_parts
from reports.paper.markup import normalise
from reports.paper.sections import DETAIL_FIELDS, EDITABLE_TEXT_FIELDS, TEXT_SECTIONS
from reports.selectors import published_report_of
from reports.workflow import ReportAction, check_report_action
from spr_portal.access import Can, require
from spr_portal.concurrency import check_revision

EDITABLE_FIELDS = DETAIL_FIELDS | EDITABLE_TEXT_FIELDS
NOUN = "board report"  # in the refusal of a stale save


def lock(report) -> BoardReport:
    return BoardReport.objects.select_for_update().select_related("quarter").get(pk=report.pk)


def _check_second(quarter, confirmed: bool) -> None:
    already = published_report_of(quarter)
    if already is not None and not confirmed:
        raise ValidationError(
            {
                "confirm_second": f"{already.quarter.label} is already reported in the board "
                f"report of {already.meeting_date:%-d %B %Y}: confirm that you want a second "
                "report, or correct that one instead"
            }
        )


def _check_meeting_date(quarter, meeting_date) -> None:
    refusal = meeting_date_refusal(quarter, meeting_date)
    if refusal:
        raise ValidationError({"meeting_date": refusal})


def _check_previous(previous_report, meeting_date) -> None:
    if previous_report is None:
        return
    if previous_report.status == ReportStatus.DRAFT:
        raise ValidationError({"previous_report": "Choose a published report"})
    if meeting_date and previous_report.meeting_date >= meeting_date:
        raise ValidationError(
            {"previous_report": "The report it updates must be from an earlier meeting"}
        )


@transaction.atomic
def report_create(
    *,
    actor,
    quarter,
    meeting_date: datetime.date,
    agenda_item: str,
    marking: str | None = None,
    previous_report=None,
    board_name: str | None = None,
    title: str = DEFAULT_TITLE,
    confirm_second: bool = False,
) -> BoardReport:
    """A new draft for a board meeting, pre-filled from the quarter's signed-off
    self-assessments, the SPR edition in force and the force profile (whose words the report
    keeps from now on). A quarter already reported in a standing paper needs
    `confirm_second`: that paper may only need correcting."""
    require(actor, Can.DRAFT_REPORTS)
    _check_second(quarter, confirm_second)
    _check_meeting_date(quarter, meeting_date)
    _check_previous(previous_report, meeting_date)
    force = profile()
    board_name = board_name or force.board_name
    report = BoardReport(
        quarter=quarter,
        previous_report=previous_report,
        meeting_date=meeting_date,
        agenda_item=(agenda_item or "").strip(),
        marking=marking or force.default_marking,
        board_name=board_name,
        title=title,
        force_name=force.force_name,
        report_of=force.report_of,
        contact_officer=force.contact_officer,
        paper_status=force.paper_status,
        created_by=actor,
        **draft_text(
            quarter=quarter,
            meeting_date=meeting_date,
            previous_report=previous_report,
            board_name=board_name,
            actor=actor,
            force=force,
        ),
    )
    report.full_clean()
    report.save()
    for order, part in enumerate(threat_parts(quarter), start=1):
        BoardReportThreatSection.objects.create(
            report=report, threat=part.threat, body=part.signed_summary, display_order=order
        )
    audit_report(
        report,
        actor,
        AuditAction.REPORT_CREATED,
        f"Draft for the meeting of {meeting_date:%-d %B %Y}, reporting {quarter.label}",
    )
    return report


def audit_report(report, actor, action, summary: str, reason: str = "") -> None:
    audit_record(
        actor=actor,
        action=action,
        obj=report,
        quarter=report.quarter,
        summary=summary,
        reason=reason,
    )


@transaction.atomic
def report_update(*, report, actor, data: dict, revision: int) -> BoardReport:
    """Save any of the report's details and text sections; refuse a stale revision."""
    report = lock(report)
    check_report_action(ReportAction.EDIT, report, actor)
    check_revision(report, revision, NOUN)
    data = {
        name: normalise(value) if name in EDITABLE_TEXT_FIELDS else value
        for name, value in data.items()
    }
    required = {s.code: s.heading for s in TEXT_SECTIONS}
    empty = {
        name: f"Enter the text of “{required[name]}”"
        for name in data
        if name in required and not data[name].strip()
    }
    if empty:
        raise ValidationError(empty)
    if "meeting_date" in data:
        _check_meeting_date(report.quarter, data["meeting_date"])
    _check_previous(report.previous_report, data.get("meeting_date", report.meeting_date))
    update = model_update(instance=report, fields=EDITABLE_FIELDS, data=data, revise=True)
    audit_report(report, actor, AuditAction.REPORT_CHANGED, update.summary or "No change")
    return report


@transaction.atomic
def report_section_update(*, section, actor, body: str, revision: int):
    """Save one threat's part of the Summary of self-assessments (revision of the report)."""
    report = lock(section.report)
    check_report_action(ReportAction.EDIT, report, actor)
    check_revision(report, revision, NOUN)
    section = BoardReportThreatSection.objects.select_for_update().get(pk=section.pk)
    section.body = normalise(body)
    if not section.body.strip():
        raise ValidationError({"body": f"Enter the summary of {section.threat_name}"})
    section.full_clean()
    section.save()
    report.revision += 1
    report.save(update_fields=["revision", "updated_at"])
    summary = f"Summary of {section.threat_name} changed"
    audit_report(report, actor, AuditAction.REPORT_CHANGED, summary)
    return section
