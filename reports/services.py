"""Every write to a board report: permission, validation and the change in one transaction.

Only the SPR lead drafts, edits, publishes and corrects. A published report never changes:
publishing renders the PDF once and stores its bytes and checksum; a correction is a new
draft version that, once published, marks the one it corrects as superseded.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from reports.annex import annex_data
from reports.drafting import DEFAULT_BOARD_NAME, DEFAULT_TITLE, draft_text, threat_parts
from reports.models import BoardReport, BoardReportThreatSection, PublishedPdf, ReportStatus
from reports.pdf import render_report_pdf
from reports.sections import DETAIL_FIELDS, EDITABLE_TEXT_FIELDS, TEXT_SECTIONS
from reports.text import normalise
from spr_portal.roles import is_spr_lead

EDITABLE_FIELDS = DETAIL_FIELDS | EDITABLE_TEXT_FIELDS


class ConcurrentEdit(Exception):
    """Someone saved the report after this user opened it; nothing was saved."""

    def __init__(self, report):
        self.report = report
        super().__init__(
            "This board report was changed by someone else after you opened it. "
            "Your changes have not been saved."
        )


class ReportNotReady(ValidationError):
    """Publishing refused; `blockers` lists (anchor, message) for the error summary."""

    def __init__(self, blockers: list[tuple[str, str]]):
        self.blockers = blockers
        super().__init__([message for _, message in blockers])


def _require_spr_lead(actor) -> None:
    if not is_spr_lead(actor):
        raise PermissionDenied("Only the SPR lead drafts and publishes board reports.")


def _lock(report) -> BoardReport:
    return BoardReport.objects.select_for_update().select_related("quarter").get(pk=report.pk)


def _require_draft(report) -> None:
    if report.status != ReportStatus.DRAFT:
        raise ValidationError(
            "A published board report cannot be changed. Correct it with a new version instead."
        )


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
    marking: str,
    previous_report=None,
    board_name: str = DEFAULT_BOARD_NAME,
    title: str = DEFAULT_TITLE,
) -> BoardReport:
    """A new draft for a board meeting, pre-filled from the quarter's signed-off
    self-assessments and the SPR edition in force."""
    _require_spr_lead(actor)
    _check_previous(previous_report, meeting_date)
    report = BoardReport(
        quarter=quarter,
        previous_report=previous_report,
        meeting_date=meeting_date,
        agenda_item=(agenda_item or "").strip(),
        marking=marking,
        board_name=board_name,
        title=title,
        created_by=actor,
        **draft_text(
            quarter=quarter,
            meeting_date=meeting_date,
            previous_report=previous_report,
            board_name=board_name,
            actor=actor,
        ),
    )
    report.full_clean()
    report.save()
    for order, part in enumerate(threat_parts(quarter), start=1):
        BoardReportThreatSection.objects.create(
            report=report, threat=part.threat, body=part.signed_summary, display_order=order
        )
    return report


@transaction.atomic
def report_update(*, report, actor, data: dict, revision: int) -> BoardReport:
    """Save any of the report's details and text sections; refuse a stale revision."""
    _require_spr_lead(actor)
    report = _lock(report)
    _require_draft(report)
    if report.revision != revision:
        raise ConcurrentEdit(report)
    unknown = set(data) - EDITABLE_FIELDS
    if unknown:
        raise ValidationError(f"Not fields of a board report: {', '.join(sorted(unknown))}")
    for name, value in data.items():
        setattr(report, name, normalise(value) if name in EDITABLE_TEXT_FIELDS else value)
    required = {s.code: s.heading for s in TEXT_SECTIONS}
    empty = {
        name: f"Enter the text of “{required[name]}”"
        for name in data
        if name in required and not getattr(report, name).strip()
    }
    if empty:
        raise ValidationError(empty)
    _check_previous(report.previous_report, report.meeting_date)
    report.full_clean()
    report.revision += 1
    report.save()
    return report


@transaction.atomic
def report_section_update(*, section, actor, body: str, revision: int):
    """Save one threat's part of the Summary of self-assessments (revision of the report)."""
    _require_spr_lead(actor)
    report = _lock(section.report)
    _require_draft(report)
    if report.revision != revision:
        raise ConcurrentEdit(report)
    section = BoardReportThreatSection.objects.select_for_update().get(pk=section.pk)
    section.body = normalise(body)
    if not section.body.strip():
        raise ValidationError({"body": f"Enter the summary of {section.threat.name}"})
    section.full_clean()
    section.save()
    report.revision += 1
    report.save(update_fields=["revision", "updated_at"])
    return section


def publishing_blockers(report) -> list[tuple[str, str]]:
    """Why the report cannot be published yet, as (anchor, message); empty when it can."""
    blockers = []
    parts = threat_parts(report.quarter)
    sections = {s.threat_id: s for s in report.threat_sections.all()}
    for part in parts:
        threat = part.threat
        if not part.is_signed_off:
            blockers.append(
                (
                    f"threat-{threat.slug}",
                    f"The self-assessment of {threat.name} for {report.quarter.label} is "
                    f"{part.status_label.lower()}, not signed off",
                )
            )
        elif threat.pk not in sections:
            blockers.append((f"threat-{threat.slug}", f"The report has no part for {threat.name}"))
        elif not sections[threat.pk].body.strip():
            blockers.append((f"threat-{threat.slug}", f"The summary of {threat.name} is empty"))
    in_force = {part.threat.pk for part in parts}
    for threat_id, section in sections.items():
        if threat_id not in in_force:
            blockers.append(
                (
                    f"threat-{section.threat.slug}",
                    f"{section.threat.name} is not a national threat of the "
                    f"{report.quarter.edition}",
                )
            )
    for section in TEXT_SECTIONS:
        if not getattr(report, section.code).strip():
            blockers.append((f"section-{section.code}", f"“{section.heading}” is empty"))
    return blockers


@transaction.atomic
def report_publish(*, report, actor, at: datetime.datetime | None = None) -> BoardReport:
    """Freeze the report: render its PDF once and store the bytes, SHA-256 and page count.
    Publishing a correction marks the version it corrects as superseded."""
    _require_spr_lead(actor)
    report = _lock(report)
    _require_draft(report)
    blockers = publishing_blockers(report)
    if blockers:
        raise ReportNotReady(blockers)
    base = report.previous_report.quarter if report.previous_report_id else None
    report.frozen_annex = annex_data(report.quarter, base)
    report.status = ReportStatus.PUBLISHED
    report.published_at = at or timezone.now()
    report.published_by = actor
    report.revision += 1
    report.full_clean()
    report.save()
    rendered = render_report_pdf(report)
    PublishedPdf.objects.create(
        report=report,
        content=rendered.content,
        sha256=rendered.sha256,
        size=len(rendered.content),
        pages=rendered.pages,
        rendered_at=report.published_at,
    )
    if report.supersedes_id:
        BoardReport.objects.filter(pk=report.supersedes_id).update(status=ReportStatus.SUPERSEDED)
    return report


@transaction.atomic
def report_correct(*, report, actor, note: str) -> BoardReport:
    """Start a correction: a new draft version with the published report's text."""
    _require_spr_lead(actor)
    report = _lock(report)
    if report.status != ReportStatus.PUBLISHED:
        raise ValidationError("Only the current published version of a report can be corrected.")
    if BoardReport.objects.filter(supersedes=report).exists():
        raise ValidationError("A correction of this report is already being drafted.")
    note = normalise(note)
    if not note.strip():
        raise ValidationError({"note": "Say what the new version corrects"})
    correction = BoardReport(
        quarter=report.quarter,
        previous_report=report.previous_report,
        supersedes=report,
        version=report.version + 1,
        correction_note=note,
        created_by=actor,
        **{name: getattr(report, name) for name in EDITABLE_FIELDS},
    )
    correction.full_clean()
    correction.save()
    for section in report.threat_sections.all():
        BoardReportThreatSection.objects.create(
            report=correction,
            threat_id=section.threat_id,
            body=section.body,
            display_order=section.display_order,
        )
    return correction
