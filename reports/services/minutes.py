"""Approving a quarterly meeting's minutes at the next meeting: draft → approved, with who,
when and at which meeting, and the files frozen (stored bytes and their SHA-256, like a
published paper's), so the approved minutes never change."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from assessments.models import Meeting
from assessments.models.meetings import MinutesStatus
from assessments.selectors.meetings import next_meeting
from audit.models import AuditAction
from audit.services import audit_record
from reports.models import ApprovedMinutes
from reports.paper.minutes import render_minutes_docx, render_minutes_pdf
from spr_portal.access import Can, require
from spr_portal.concurrency import check_revision


@transaction.atomic
def minutes_approve(*, meeting, actor, revision: int, at=None) -> ApprovedMinutes:
    """Approve `meeting`'s minutes at the next meeting (the first one of a later quarter),
    from the revision of the record the approver read. `at`: when (now, unless the demo
    replays a past meeting)."""
    require(actor, Can.RUN_MEETING)
    locked = Meeting.objects.select_for_update().select_related("quarter").get(pk=meeting.pk)
    if locked.is_approved:
        raise ValidationError("These minutes are already approved.")
    check_revision(locked, revision, "meeting record")
    following = next_meeting(locked)
    if following is None:
        raise ValidationError(
            "Minutes are approved at the next meeting: record the next quarter's meeting first."
        )
    locked.minutes_status = MinutesStatus.APPROVED
    locked.approved_by = actor
    locked.approved_at = at or timezone.now()
    locked.approved_at_meeting = following
    locked.revision += 1
    locked.full_clean()
    locked.save(
        update_fields=[
            "minutes_status",
            "approved_by",
            "approved_at",
            "approved_at_meeting",
            "revision",
            "updated_at",
        ]
    )
    pdf = render_minutes_pdf(locked)
    docx = render_minutes_docx(locked)
    files = ApprovedMinutes.objects.create(
        meeting=locked,
        pdf=pdf.content,
        pdf_sha256=pdf.sha256,
        docx=docx.content,
        docx_sha256=docx.sha256,
        rendered_at=locked.approved_at,
    )
    audit_record(
        actor=actor,
        action=AuditAction.MINUTES_APPROVED,
        obj=locked,
        quarter=locked.quarter,
        summary=f"Approved at the {following.quarter.label} meeting; PDF SHA-256 {pdf.sha256}",
    )
    return files
