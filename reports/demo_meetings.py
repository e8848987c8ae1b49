"""A year of quarterly meetings in the demo (2014/15 Q4 to 2015/16 Q3): who attended, the
sign-off of each threat recorded as the meeting's decision, actions raised and most closed by
their owners, and each meeting's minutes approved at the next one (the last still a draft).

Written through the meeting services, then dated to the meetings. It touches no board report:
the published 2 February 2016 paper is stored bytes, and the paper reads no action.
A quarter that has its meeting is left alone, so a second run adds nothing.
"""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from assessments.choices import ActionStatus
from assessments.models import (
    Assessment,
    ImprovementAction,
    Meeting,
    MeetingDecision,
    Quarter,
    WorkflowEvent,
)
from assessments.models.meetings import Attendance, Decision
from assessments.models.records import WorkflowAction
from assessments.services import meetings as services
from reports.services.minutes import minutes_approve

# (financial year, quarter) of the year of meetings, oldest first.
YEAR_OF_MEETINGS = [(2014, 4), (2015, 1), (2015, 2), (2015, 3)]
PRESENT = ["acc.crime", "acc.operations", "lead.ppu", "lead.cid", "lead.ctu"]
APOLOGIES = {(2015, 1): "lead.ops", (2015, 3): "lead.intel"}
VISITOR = ("Dana Whitfield", "Regional SPR coordinator")
# (quarter, threat slug, action, owner, days after the meeting it is due, closed?)
ACTIONS = [
    (
        (2014, 4),
        "public-order",
        "Confirm the public order units available against the mobilisation plan.",
        "lead.ops",
        60,
        True,
    ),
    (
        (2015, 1),
        "serious-organised-crime",
        "Map the organised crime groups against the regional unit's tasking and report the gaps.",
        "lead.cid",
        75,
        True,
    ),
    (
        (2015, 2),
        "terrorism",
        "Run a table-top exercise of the mutual aid call-out with the neighbouring forces.",
        "lead.ctu",
        90,
        True,
    ),
    (
        (2015, 3),
        "cyber",
        "Train the second cohort of digital media investigators and report "
        "the numbers to the next meeting.",
        "lead.intel",
        80,
        False,
    ),
]


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def seed_meetings() -> int:
    """Add the year of meetings that do not exist yet; returns how many were added."""
    users = {u.username: u for u in get_user_model().objects.all()}
    chair = users["acc.security"]
    made = []
    for year, number in YEAR_OF_MEETINGS:
        quarter = Quarter.objects.filter(financial_year=year, number=number).first()
        if quarter is None or Meeting.objects.filter(quarter=quarter).exists():
            continue
        made.append(_seed_one(quarter, chair, users))
    # Each meeting's minutes are approved at the next one.
    meetings = list(
        Meeting.objects.filter(
            quarter__in=Quarter.objects.filter(financial_year__in={y for y, _ in YEAR_OF_MEETINGS})
        ).order_by("quarter__financial_year", "quarter__number")
    )
    for meeting, following in zip(meetings, meetings[1:], strict=False):
        if meeting.is_approved or meeting not in made and following not in made:
            continue
        meeting.refresh_from_db()
        minutes_approve(
            meeting=meeting,
            actor=chair,
            revision=meeting.revision,
            at=_at(following.held_on, 11),
        )
    return len(made)


def _seed_one(quarter, chair, users) -> Meeting:
    meeting = services.meeting_create(quarter=quarter, actor=chair)
    for username in PRESENT:
        services.attendee_add(
            meeting=meeting, actor=chair, attendance=Attendance.PRESENT, user=users[username]
        )
    name, post = VISITOR
    services.attendee_add(
        meeting=meeting, actor=chair, attendance=Attendance.PRESENT, name=name, post=post
    )
    away = APOLOGIES.get((quarter.financial_year, quarter.number))
    if away:
        services.attendee_add(
            meeting=meeting, actor=chair, attendance=Attendance.APOLOGIES, user=users[away]
        )
    held = _at(meeting.held_on, 10)
    # The quarter's sign-offs, recorded as the meeting's decisions (the demo's self-
    # assessments were signed off through the workflow services when it was seeded).
    for assessment in Assessment.objects.filter(quarter=quarter).select_related("threat"):
        event = (
            WorkflowEvent.objects.filter(assessment=assessment, action=WorkflowAction.SIGNED_OFF)
            .order_by("-at")
            .first()
        )
        if event is None:
            continue
        MeetingDecision.objects.create(
            meeting=meeting,
            threat=assessment.threat,
            assessment=assessment,
            decision=Decision.SIGNED_OFF,
            rationale="The grades rest on the evidence given; the meeting agreed them.",
            event=event,
            taken_by=chair,
        )
    MeetingDecision.objects.filter(meeting=meeting).update(taken_at=held)
    for when, slug, text, owner, due_in, closed in ACTIONS:
        if when != (quarter.financial_year, quarter.number):
            continue
        threat_assessment = Assessment.objects.filter(quarter=quarter, threat__slug=slug).first()
        if threat_assessment is None:
            continue
        action = services.meeting_action_raise(
            meeting=meeting,
            actor=chair,
            threat=threat_assessment.threat,
            description=text,
            owner_user=users[owner],
            due_date=meeting.held_on + datetime.timedelta(days=due_in),
        )
        if closed:
            action = services.meeting_action_progress(
                action=action,
                actor=users[owner],
                revision=action.revision,
                status=ActionStatus.CLOSED,
                progress_note="Done and reported to the meeting.",
            )
            ImprovementAction.objects.filter(pk=action.pk).update(
                closed_on=action.due_date - datetime.timedelta(days=7)
            )
    Meeting.objects.filter(pk=meeting.pk).update(created_at=held, updated_at=held)
    meeting.refresh_from_db()
    return meeting
