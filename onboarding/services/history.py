"""A force's history imported: past quarters, their signed-off self-assessments and the papers
published to the board, all in one transaction or none of it.

What an imported record is, and why:
- a closed quarter, marked with the import (Quarter.history_import), whose dates are the
  force's;
- a signed-off self-assessment with a signed version built the normal way
  (assessments/snapshots.py), so verify_integrity holds and every page that reads the last
  signed-off assessment (the board's movement, trends, the paper's annexes) reads it; its
  signer is a name in words (`signed_off_by_name`): they may never have had an account here.
  It was never submitted through the portal (`submitted_at` stays empty), so nothing calls
  it late;
- a published board report holding the PDF the force published, byte for byte with its
  SHA-256 (reports.PublishedPdf, `Signing.BEFORE_SIGNING`), and no Word version.
Importing the same file again (same SHA-256) changes nothing.
"""

import datetime
import hashlib

from django.db import IntegrityError, transaction
from django.utils import timezone

from assessments.choices import Status
from assessments.models import Assessment, AssessmentSnapshot, HistoryImport, Quarter
from assessments.snapshots import build_snapshot, fingerprint
from audit.models import AuditAction
from audit.services import audit_record
from onboarding.history.reading import Plan, read_history
from reports.frozen import published_record
from reports.models import BoardReport, PublishedPdf, ReportStatus, Signing
from reports.paper.drafting import profile
from spr_portal.access import Can, require
from threats.force_profile import Marking

NOON = datetime.time(12, 0)
NOT_NAMED = "Not named in the imported history"


def _at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, NOON))


def history_check(*, actor, data: bytes, filename: str) -> Plan:
    """The dry run: what importing would create (HistoryRefused if anything is wrong)."""
    require(actor, Can.SET_UP_FORCE)
    return read_history(data, filename)


def history_import(*, actor, data: bytes, filename: str) -> Plan:
    """Import the file, all or nothing. Returns the plan carried out (with
    `already_imported` set and nothing written when this file was imported before)."""
    require(actor, Can.SET_UP_FORCE)
    try:
        return _import(actor, data, filename)
    except IntegrityError:
        # The same file imported by another request at the same moment (the checksum is
        # unique), or a quarter added meanwhile: read again, which says which.
        return read_history(data, filename)


@transaction.atomic
def _import(actor, data: bytes, filename: str) -> Plan:
    plan = read_history(data, filename)
    if plan.already_imported is not None:
        return plan
    now = timezone.now()
    record = HistoryImport.objects.create(
        source_name=plan.source_name,
        sha256=plan.sha256,
        imported_by=actor,
        imported_at=now,
        quarters=len(plan.quarters),
        assessments=len(plan.assessments),
        papers=len(plan.papers),
    )
    quarters = {}
    for planned in sorted(plan.quarters, key=lambda q: q.key):
        quarter = Quarter(
            financial_year=planned.financial_year,
            number=planned.number,
            edition=planned.edition,
            submission_deadline=planned.submission_deadline,
            meeting_date=planned.meeting_date,
            is_open=False,
            history_import=record,
        )
        quarter.full_clean()
        quarter.save()
        quarters[planned.key] = quarter
    for planned in plan.assessments:
        _assessment(planned, quarters[planned.quarter], actor, record)
    force = profile()
    for planned in sorted(plan.papers, key=lambda p: p.meeting_date):
        _paper(planned, quarters[planned.quarter], actor, record, force)
    audit_record(
        actor=actor,
        action=AuditAction.HISTORY_IMPORTED,
        obj=record,
        summary=f"Imported {plan.summary} from {plan.source_name} (SHA-256 {plan.sha256})",
    )
    return plan


def _assessment(planned, quarter, actor, record) -> Assessment:
    fields = {}
    for code, grade in planned.grades.items():
        fields[f"{code}_grade"] = grade
        fields[f"{code}_narrative"] = planned.narratives[code]
    # Written as a draft first, then signed: the database refuses any change to what a
    # signed-off row says, and the signed version needs the row's id.
    assessment = Assessment.objects.create(
        threat=planned.threat,
        quarter=quarter,
        status=Status.DRAFT,
        summary=planned.summary,
        created_by=actor,
        history_import=record,
        **fields,
    )
    signed_at = _at(planned.signed_on)
    data = build_snapshot(assessment)
    snapshot = AssessmentSnapshot.objects.create(
        assessment=assessment,
        number=1,
        reason=AssessmentSnapshot.Reason.SIGNED_OFF,
        data=data,
        fingerprint=fingerprint(data),
        created_by=actor,
        created_at=signed_at,
        signed_by_name=planned.signed_by or NOT_NAMED,
    )
    assessment.status = Status.SIGNED_OFF
    assessment.signed_off_at = signed_at
    assessment.signed_off_by = None
    assessment.signed_off_by_name = planned.signed_by or NOT_NAMED
    assessment.signed_snapshot = snapshot
    assessment.revision += 1
    assessment.save()
    return assessment


def _paper(planned, quarter, actor, record, force) -> BoardReport:
    published_at = _at(planned.meeting_date)
    report = BoardReport(
        quarter=quarter,
        agenda_item=planned.agenda_item,
        board_name=force.board_name,
        meeting_date=planned.meeting_date,
        title=planned.title,
        marking=Marking.OFFICIAL,
        force_name=force.force_name,
        status=ReportStatus.PUBLISHED,
        published_at=published_at,
        published_by=actor,
        created_by=actor,
        history_import=record,
    )
    report.published_record = published_record(report, [])
    report.save()
    PublishedPdf.objects.create(
        report=report,
        content=planned.content,
        sha256=hashlib.sha256(planned.content).hexdigest(),
        size=len(planned.content),
        pages=planned.pages,
        rendered_at=published_at,
        signing=Signing.BEFORE_SIGNING,
    )
    return report
