"""The quarterly meeting's services: the agenda from the quarter, decisions made through the
review services and linked to them, actions owned and updated between quarters, minutes
approved and frozen, and endorsements within a chief officer's portfolio."""

import datetime
import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from assessments.choices import ActionStatus, Status
from assessments.models import ImprovementAction, MeetingDecision
from assessments.models.meetings import Decision
from assessments.models.records import WorkflowAction
from assessments.selectors.meetings import meeting_record
from assessments.services import meetings as svc
from assessments.workflow import TransitionNotAllowed
from audit.models import AuditAction, AuditEvent
from spr_portal.concurrency import ConcurrentEdit
from tests.factories import AssessmentFactory, ImprovementActionFactory, QuarterFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def earlier_quarter(quarter):
    return QuarterFactory(
        financial_year=2015,
        number=3,
        edition=quarter.edition,
        submission_deadline=datetime.date(2015, 12, 11),
        meeting_date=datetime.date(2015, 12, 17),
        is_open=False,
    )


@pytest.fixture
def submitted(quarter, threat):
    return AssessmentFactory(threat=threat, quarter=quarter, submitted=True)


@pytest.fixture
def returned(quarter, other_threat):
    return AssessmentFactory(threat=other_threat, quarter=quarter, returned=True)


def test_agenda_names_each_threat_with_the_returned_and_the_late(
    quarter, submitted, returned, spr_lead, monkeypatch
):
    monkeypatch.setattr(
        "assessments.deadlines.today", lambda: quarter.submission_deadline + datetime.timedelta(3)
    )
    meeting = svc.meeting_create(quarter=quarter, actor=spr_lead)
    record = meeting_record(meeting, spr_lead)
    by_threat = {i.threat.pk: i for i in record.items}
    assert meeting.held_on == quarter.meeting_date
    assert by_threat[returned.threat_id].returned
    # Returned and past the deadline: overdue again until resubmitted.
    assert by_threat[returned.threat_id].is_late
    assert not by_threat[submitted.threat_id].returned
    # Submitted today, years after its 2016 deadline: late.
    assert by_threat[submitted.threat_id].signal.key == "late"
    assert by_threat[returned.threat_id].signal.key == "overdue"
    assert {i.threat.pk for i in record.late_or_returned} == {
        returned.threat_id,
        submitted.threat_id,
    }


def test_agenda_carries_the_last_meetings_open_actions_and_deferrals(
    quarter, earlier_quarter, threat, spr_lead, business_lead
):
    earlier = AssessmentFactory(threat=threat, quarter=earlier_quarter, signed_off=True)
    last = svc.meeting_create(quarter=earlier_quarter, actor=spr_lead)
    svc.meeting_action_raise(
        meeting=last,
        actor=spr_lead,
        threat=threat,
        description="Test the call-out list",
        owner_user=business_lead,
        due_date=datetime.date(2016, 3, 1),
    )
    svc.decision_record(
        meeting=last,
        actor=spr_lead,
        threat=threat,
        decision=Decision.DEFERRED,
        rationale="Wait for the regional exercise",
    )
    assert earlier.status == Status.SIGNED_OFF
    meeting = svc.meeting_create(quarter=quarter, actor=spr_lead)
    item = next(i for i in meeting_record(meeting, spr_lead).items if i.threat.pk == threat.pk)
    assert any("Test the call-out list" in line for line in item.carried)
    assert any("Wait for the regional exercise" in line for line in item.carried)


def test_sign_off_at_the_meeting_goes_through_review_and_is_linked(quarter, submitted, spr_lead):
    meeting = svc.meeting_create(quarter=quarter, actor=spr_lead)
    decision = svc.decision_record(
        meeting=meeting,
        actor=spr_lead,
        threat=submitted.threat,
        decision=Decision.SIGNED_OFF,
        rationale="Evidence is sound",
        revision=submitted.revision,
    )
    submitted.refresh_from_db()
    assert submitted.status == Status.SIGNED_OFF
    assert decision.event.action == WorkflowAction.SIGNED_OFF
    assert decision.event.assessment_id == submitted.pk
    assert AuditEvent.objects.filter(action=AuditAction.ASSESSMENT_SIGNED_OFF).exists()
    assert AuditEvent.objects.filter(action=AuditAction.MEETING_DECISION).exists()


def test_a_sign_off_from_an_older_revision_is_refused_and_nothing_recorded(
    quarter, submitted, spr_lead
):
    meeting = svc.meeting_create(quarter=quarter, actor=spr_lead)
    with pytest.raises(ConcurrentEdit):
        svc.decision_record(
            meeting=meeting,
            actor=spr_lead,
            threat=submitted.threat,
            decision=Decision.SIGNED_OFF,
            rationale="x",
            revision=submitted.revision - 1,
        )
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED
    assert not MeetingDecision.objects.exists()


def test_return_at_the_meeting_sends_the_rationale_as_the_comment(quarter, submitted, spr_lead):
    meeting = svc.meeting_create(quarter=quarter, actor=spr_lead)
    decision = svc.decision_record(
        meeting=meeting,
        actor=spr_lead,
        threat=submitted.threat,
        decision=Decision.RETURNED,
        rationale="Add the mutual aid figures",
        revision=submitted.revision,
    )
    submitted.refresh_from_db()
    assert submitted.status == Status.RETURNED
    assert decision.event.comment == "Add the mutual aid figures"


def test_bad_decisions_are_refused(quarter, threat, returned, spr_lead, business_lead):
    meeting = svc.meeting_create(quarter=quarter, actor=spr_lead)
    with pytest.raises(ValidationError):  # no assessment to sign off
        svc.decision_record(
            meeting=meeting,
            actor=spr_lead,
            threat=threat,
            decision=Decision.SIGNED_OFF,
            rationale="x",
            revision=1,
        )
    with pytest.raises(TransitionNotAllowed):  # a returned one cannot be signed off
        svc.decision_record(
            meeting=meeting,
            actor=spr_lead,
            threat=returned.threat,
            decision=Decision.SIGNED_OFF,
            rationale="x",
            revision=returned.revision,
        )
    with pytest.raises(ValidationError):  # no rationale
        svc.decision_record(
            meeting=meeting,
            actor=spr_lead,
            threat=threat,
            decision=Decision.DEFERRED,
            rationale="  ",
        )
    with pytest.raises(PermissionDenied):
        svc.decision_record(
            meeting=meeting,
            actor=business_lead,
            threat=threat,
            decision=Decision.DEFERRED,
            rationale="x",
        )
    svc.decision_record(
        meeting=meeting, actor=spr_lead, threat=threat, decision=Decision.DEFERRED, rationale="x"
    )
    with pytest.raises(ValidationError):  # one decision per item
        svc.decision_record(
            meeting=meeting,
            actor=spr_lead,
            threat=threat,
            decision=Decision.DEFERRED,
            rationale="again",
        )


def test_action_lifecycle_by_its_owner(
    quarter, submitted, spr_lead, business_lead, other_business_lead
):
    meeting = svc.meeting_create(quarter=quarter, actor=spr_lead)
    action = svc.meeting_action_raise(
        meeting=meeting,
        actor=spr_lead,
        threat=submitted.threat,
        description="Brief the new duty officers",
        owner_user=business_lead,
        due_date=datetime.date(2016, 6, 30),
    )
    # In the one register: an improvement action of the threat, open.
    assert ImprovementAction.objects.still_open().filter(pk=action.pk).exists()
    assert ImprovementAction.objects.visible_to(business_lead).filter(pk=action.pk).exists()
    with pytest.raises(PermissionDenied):
        svc.meeting_action_progress(
            action=action,
            actor=other_business_lead,
            revision=action.revision,
            status=ActionStatus.CLOSED,
            progress_note="Not mine",
        )
    action = svc.meeting_action_progress(
        action=action,
        actor=business_lead,
        revision=action.revision,
        status=ActionStatus.IN_PROGRESS,
        progress_note="Half briefed",
    )
    with pytest.raises(ConcurrentEdit):
        svc.meeting_action_progress(
            action=action,
            actor=business_lead,
            revision=action.revision - 1,
            status=ActionStatus.CLOSED,
            progress_note="Done",
        )
    action = svc.meeting_action_progress(
        action=action,
        actor=business_lead,
        revision=action.revision,
        status=ActionStatus.CLOSED,
        progress_note="All briefed",
    )
    assert action.closed_on is not None and action.status == ActionStatus.CLOSED
    events = AuditEvent.objects.filter(action=AuditAction.MEETING_ACTION_UPDATED)
    assert events.count() == 2
    assert "All briefed" in events.first().summary or "Progress" in events.first().summary


def test_an_action_on_a_threat_with_no_assessment_is_refused(
    quarter, threat, spr_lead, business_lead
):
    meeting = svc.meeting_create(quarter=quarter, actor=spr_lead)
    with pytest.raises(ValidationError):
        svc.meeting_action_raise(
            meeting=meeting,
            actor=spr_lead,
            threat=threat,
            description="x",
            owner_user=business_lead,
            due_date=datetime.date(2016, 6, 30),
        )


def test_someone_elses_improvement_action_is_not_theirs_to_update(submitted, business_lead):
    action = ImprovementActionFactory(raised_in=submitted)
    with pytest.raises(PermissionDenied):
        svc.meeting_action_progress(
            action=action,
            actor=business_lead,
            revision=action.revision,
            status=ActionStatus.CLOSED,
            progress_note="",
        )


def test_minutes_approved_at_the_next_meeting_are_frozen(
    quarter, earlier_quarter, threat, spr_lead
):
    from reports.models import ApprovedMinutes
    from reports.services.minutes import minutes_approve

    last = svc.meeting_create(quarter=earlier_quarter, actor=spr_lead)
    svc.attendee_add(
        meeting=last,
        actor=spr_lead,
        attendance="present",
        name="A Visitor",
        post="Regional coordinator",
    )
    last.refresh_from_db()
    with pytest.raises(ValidationError):  # no next meeting yet
        minutes_approve(meeting=last, actor=spr_lead, revision=last.revision)
    nxt = svc.meeting_create(quarter=quarter, actor=spr_lead)
    with pytest.raises(ConcurrentEdit):
        minutes_approve(meeting=last, actor=spr_lead, revision=last.revision - 1)
    files = minutes_approve(meeting=last, actor=spr_lead, revision=last.revision)
    last.refresh_from_db()
    assert last.is_approved and last.approved_by == spr_lead and last.approved_at_meeting == nxt
    assert bytes(files.pdf).startswith(b"%PDF")
    assert hashlib.sha256(bytes(files.pdf)).hexdigest() == files.pdf_sha256
    assert hashlib.sha256(bytes(files.docx)).hexdigest() == files.docx_sha256
    assert ApprovedMinutes.objects.count() == 1
    with pytest.raises(ValidationError):  # the record of approved minutes no longer changes
        svc.attendee_add(meeting=last, actor=spr_lead, attendance="present", name="Late")


def test_endorsement_only_within_the_portfolio(
    submitted, returned, chief_officer, other_chief_officer, spr_lead
):
    with pytest.raises(PermissionDenied):
        svc.endorse(assessment=submitted, actor=other_chief_officer, revision=submitted.revision)
    with pytest.raises(PermissionDenied):
        svc.endorse(assessment=submitted, actor=spr_lead, revision=submitted.revision)
    with pytest.raises(ConcurrentEdit):
        svc.endorse(assessment=submitted, actor=chief_officer, revision=submitted.revision + 1)
    endorsement = svc.endorse(
        assessment=submitted, actor=chief_officer, revision=submitted.revision
    )
    assert endorsement.endorsed_by == chief_officer
    with pytest.raises(ValidationError):  # only a submitted one
        svc.endorse(assessment=returned, actor=other_chief_officer, revision=returned.revision)
    assert AuditEvent.objects.filter(action=AuditAction.ASSESSMENT_ENDORSED).count() == 1
