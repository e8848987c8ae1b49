"""The quarterly meeting's writes: its record, attendance, the decision on each agenda item,
the actions it raises, their owners' updates between quarters, and the chief officer leads'
endorsements before it. Every one audited.

A sign-off or a return decided at the meeting is the review service's (`review_sign_off`,
`review_return`): the same rules and the same revision check as the review page, never a
second path. The decision row links the workflow event it made. Approving the minutes
freezes their files, so it is the reports app's (`reports/services/minutes.py`).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from assessments.choices import ActionStatus, Status
from assessments.models import (
    Assessment,
    Endorsement,
    ImprovementAction,
    Meeting,
    MeetingAttendee,
    MeetingDecision,
    WorkflowEvent,
)
from assessments.models.meetings import Decision
from assessments.models.records import WorkflowAction
from assessments.notifications import notify_meeting_action
from assessments.services.review import review_return, review_sign_off
from audit.models import AuditAction
from audit.services import audit_record, model_update
from spr_portal.access import Can, may, require
from spr_portal.concurrency import check_revision
from spr_portal.wording import person_name

MEETING_NOUN = "meeting record"
ACTION_NOUN = "action"
APPROVED_REFUSAL = "The minutes of this meeting are approved: its record can no longer change."


def _audit(actor, action, meeting, obj=None, *, threat=None, summary=""):
    audit_record(
        actor=actor,
        action=action,
        obj=meeting if obj is None else obj,
        threat=threat,
        quarter=meeting.quarter,
        summary=summary,
    )


def _lock_draft(meeting) -> Meeting:
    meeting = Meeting.objects.select_for_update().select_related("quarter").get(pk=meeting.pk)
    if meeting.is_approved:
        raise ValidationError(APPROVED_REFUSAL)
    return meeting


@transaction.atomic
def meeting_create(*, quarter, actor, held_on=None, chair=None) -> Meeting:
    """The quarter's meeting record: on the quarter's meeting date and chaired by the SPR
    lead recording it, unless said otherwise."""
    require(actor, Can.RUN_MEETING)
    if Meeting.objects.filter(quarter=quarter).exists():
        raise ValidationError(f"{quarter.label} already has its meeting record.")
    meeting = Meeting(
        quarter=quarter,
        held_on=held_on or quarter.meeting_date,
        chair=chair or actor,
        created_by=actor,
    )
    meeting.full_clean()
    meeting.save()
    _audit(
        actor, AuditAction.MEETING_CREATED, meeting, summary=f"Held on {meeting.held_on:%-d %B %Y}"
    )
    return meeting


@transaction.atomic
def meeting_update(*, meeting, actor, revision: int, **fields) -> Meeting:
    """Change the date or the chair, from the revision the form was opened at."""
    require(actor, Can.RUN_MEETING)
    meeting = _lock_draft(meeting)
    check_revision(meeting, revision, MEETING_NOUN)
    update = model_update(instance=meeting, fields=("held_on", "chair"), data=fields, revise=True)
    _audit(actor, AuditAction.MEETING_CHANGED, meeting, summary=update.summary or "No change")
    return meeting


def _touch(meeting) -> None:
    """Any change to what the meeting recorded raises its revision (the minutes change)."""
    Meeting.objects.filter(pk=meeting.pk).update(revision=meeting.revision + 1)
    meeting.revision += 1


@transaction.atomic
def attendee_add(
    *, meeting, actor, attendance: str, user=None, name: str = "", post: str = ""
) -> MeetingAttendee:
    """Someone present or sending apologies: a person from the portal, or a name and post."""
    require(actor, Can.RUN_MEETING)
    meeting = _lock_draft(meeting)
    if user is None and not name.strip():
        raise ValidationError(
            {"name": "Enter the person's name, or choose someone from the portal"}
        )
    if user is not None and meeting.attendees.filter(user=user).exists():
        raise ValidationError({"user": f"{user.get_full_name() or user} is already listed"})
    attendee = MeetingAttendee(
        meeting=meeting,
        user=user,
        name="" if user else name.strip(),
        post=post.strip(),
        attendance=attendance,
    )
    attendee.full_clean()
    attendee.save()
    _touch(meeting)
    _audit(
        actor,
        AuditAction.MEETING_ATTENDANCE,
        meeting,
        summary=f"{attendee.display_name}: {attendee.get_attendance_display()}",
    )
    return attendee


@transaction.atomic
def attendee_remove(*, meeting, actor, attendee) -> None:
    require(actor, Can.RUN_MEETING)
    meeting = _lock_draft(meeting)
    attendee = meeting.attendees.get(pk=attendee.pk)
    label = attendee.display_name
    attendee.delete()
    _touch(meeting)
    _audit(actor, AuditAction.MEETING_ATTENDANCE, meeting, summary=f"{label}: removed")


def assessment_of(meeting, threat) -> Assessment | None:
    return Assessment.objects.filter(quarter=meeting.quarter, threat=threat).first()


@transaction.atomic
def decision_record(
    *, meeting, actor, threat, decision: str, rationale: str, revision: int | None = None
) -> MeetingDecision:
    """The meeting's decision on a threat, and why. Signed off and returned are made here by
    the review services from the assessment's `revision` the meeting read (its rules: only a
    submitted one, never its owner's department, a return needs its comment: the rationale
    reaches the business lead as the return's comment)."""
    require(actor, Can.RUN_MEETING)
    meeting = _lock_draft(meeting)
    rationale = rationale.strip()
    if not rationale:
        raise ValidationError({"rationale": "Enter the reason for the decision"})
    if MeetingDecision.objects.filter(meeting=meeting, threat=threat).exists():
        raise ValidationError("The meeting has already decided on this item.")
    if threat not in meeting.quarter.edition.threats():
        raise ValidationError(f"{threat} is not a threat of {meeting.quarter.label}.")
    assessment = assessment_of(meeting, threat)
    event = None
    if decision in (Decision.SIGNED_OFF, Decision.RETURNED):
        if assessment is None:
            raise ValidationError(
                {"decision": "There is no self-assessment to sign off or return: defer it"}
            )
        if revision is None:
            raise ValidationError("The revision the meeting read is missing.")
        if decision == Decision.SIGNED_OFF:
            assessment = review_sign_off(assessment=assessment, actor=actor, revision=revision)
            done = WorkflowAction.SIGNED_OFF
        else:
            assessment = review_return(
                assessment=assessment,
                actor=actor,
                revision=revision,
                comment=rationale,
                section_comments={},
            )
            done = WorkflowAction.RETURNED
        event = (
            WorkflowEvent.objects.filter(assessment=assessment, action=done)
            .order_by("-at", "-pk")
            .first()
        )
    elif decision != Decision.DEFERRED:
        raise ValidationError({"decision": "Choose signed off, returned or deferred"})
    row = MeetingDecision.objects.create(
        meeting=meeting,
        threat=threat,
        assessment=assessment,
        decision=decision,
        rationale=rationale,
        event=event,
        taken_by=actor,
    )
    _touch(meeting)
    _audit(
        actor,
        AuditAction.MEETING_DECISION,
        meeting,
        row,
        threat=threat,
        summary=row.get_decision_display(),
    )
    return row


@transaction.atomic
def meeting_action_raise(
    *, meeting, actor, threat, description: str, owner_user, due_date
) -> ImprovementAction:
    """An action the meeting raises on a threat, owned by a person from the portal. It is an
    improvement action of the threat's assessment of the meeting's quarter, so it carries
    forward on the threat's next assessments and stands in the one actions register."""
    require(actor, Can.RUN_MEETING)
    meeting = _lock_draft(meeting)
    assessment = assessment_of(meeting, threat)
    if assessment is None:
        raise ValidationError(
            {
                "threat": f"{threat} has no self-assessment in {meeting.quarter.label} to raise "
                "an action on"
            }
        )
    if not owner_user.is_active or not may(owner_user, Can.OWN_MEETING_ACTIONS):
        raise ValidationError(
            {"owner_user": "Choose an active SPR lead, chief officer lead or business lead"}
        )
    action = ImprovementAction(
        threat=threat,
        raised_in=assessment,
        meeting=meeting,
        description=description.strip(),
        owner=person_name(owner_user)[:120],
        owner_user=owner_user,
        due_date=due_date,
        created_by=actor,
    )
    action.full_clean()
    action.save()
    notify_meeting_action(action, actor)
    _touch(meeting)
    _audit(
        actor,
        AuditAction.MEETING_ACTION_RAISED,
        meeting,
        action,
        threat=threat,
        summary=f"Owner {action.owner}, due {due_date:%-d %B %Y}",
    )
    return action


@transaction.atomic
def meeting_action_progress(
    *, action, actor, revision: int, status: str, progress_note: str
) -> ImprovementAction:
    """The owner's update between quarters: the status and a progress note. Closing dates
    it; reopening clears the date."""
    require(actor, Can.OWN_MEETING_ACTIONS)
    current = ImprovementAction.objects.select_for_update().get(pk=action.pk)
    if current.meeting_id is None or current.owner_user_id != actor.pk:
        raise PermissionDenied("Only the action's owner updates it between meetings.")
    check_revision(current, revision, ACTION_NOUN)
    also = ()
    if status == ActionStatus.CLOSED and current.closed_on is None:
        current.closed_on = timezone.localdate()
        also = ("closed_on",)
    elif status != ActionStatus.CLOSED and current.closed_on is not None:
        current.closed_on = None
        current.closed_in = None
        also = ("closed_on", "closed_in")
    update = model_update(
        instance=current,
        fields=("status", "progress_note"),
        data={"status": status, "progress_note": progress_note.strip()},
        also=also,
        revise=True,
    )
    audit_record(
        actor=actor,
        action=AuditAction.MEETING_ACTION_UPDATED,
        obj=current,
        threat=current.threat,
        quarter=current.meeting.quarter,
        summary=update.summary or "No change",
    )
    return current


@transaction.atomic
def endorse(*, assessment, actor, revision: int) -> Endorsement:
    """A chief officer lead endorses a submitted self-assessment of their portfolio (the
    threats whose chief officer post they hold), as read at `revision`."""
    require(actor, Can.ENDORSE)
    locked = (
        Assessment.objects.select_for_update(of=("self",))
        .select_related("threat__chief_officer_lead", "quarter")
        .get(pk=assessment.pk)
    )
    if locked.threat.lead_holder_id != actor.pk:
        raise PermissionDenied(
            "Chief officer leads endorse only the self-assessments of their own portfolio."
        )
    if locked.status != Status.SUBMITTED:
        raise ValidationError(
            "Only a submitted self-assessment can be endorsed before the meeting."
        )
    check_revision(locked, revision, "self-assessment")
    if locked.endorsements.filter(revision=revision).exists():
        raise ValidationError("You have already endorsed this version.")
    endorsement = Endorsement.objects.create(
        assessment=locked, endorsed_by=actor, revision=revision
    )
    audit_record(
        actor=actor,
        action=AuditAction.ASSESSMENT_ENDORSED,
        obj=locked,
        threat=locked.threat,
        quarter=locked.quarter,
        summary=f"Endorsed version of revision {revision}",
    )
    return endorsement
