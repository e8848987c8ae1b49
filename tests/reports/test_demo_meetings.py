"""The demo's year of quarterly meetings: four meetings, each sign-off of its quarter recorded
as a decision linked to its workflow event, actions raised and most closed by their owners,
every minutes but the last approved at the next meeting and frozen."""

import hashlib

import pytest

from assessments.choices import ActionStatus
from assessments.models import Assessment, ImprovementAction, Meeting, MeetingDecision
from assessments.models.meetings import Decision
from assessments.models.records import WorkflowAction

pytestmark = pytest.mark.django_db


def test_the_demo_shows_a_year_of_meetings(demo_seeded_once):
    meetings = list(Meeting.objects.order_by("quarter__financial_year", "quarter__number"))
    assert [m.quarter.label for m in meetings] == [
        "2014/15 Q4",
        "2015/16 Q1",
        "2015/16 Q2",
        "2015/16 Q3",
    ]
    assert [m.is_approved for m in meetings] == [True, True, True, False]
    for meeting, following in zip(meetings, meetings[1:], strict=False):
        assert meeting.approved_at_meeting == following
        assert meeting.approved_at.date() == following.held_on
        files = meeting.approved_files
        assert hashlib.sha256(bytes(files.pdf)).hexdigest() == files.pdf_sha256
    for meeting in meetings:
        decisions = MeetingDecision.objects.filter(meeting=meeting)
        signed = Assessment.objects.filter(quarter=meeting.quarter).signed_off().count()
        assert decisions.count() == signed > 0
        assert all(
            d.decision == Decision.SIGNED_OFF and d.event.action == WorkflowAction.SIGNED_OFF
            for d in decisions
        )
        assert meeting.attendees.filter(user__isnull=True).exists()  # by name and post
    actions = ImprovementAction.objects.filter(meeting__isnull=False)
    assert actions.filter(status=ActionStatus.CLOSED).count() == 3
    assert actions.exclude(status=ActionStatus.CLOSED).count() == 1
    assert all(a.owner_user_id for a in actions)
