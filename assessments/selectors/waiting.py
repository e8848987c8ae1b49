"""What waits for a person on their home page: self-assessments returned to them, ones
submitted for their review and the actions quarterly meetings gave them. A fixed number of
queries, however many there are."""

from django.db.models import Exists, OuterRef
from django.utils import timezone

from assessments.choices import Status
from assessments.models import Assessment, ImprovementAction, WorkflowEvent
from assessments.models.records import WorkflowAction
from spr_portal.access import Can, may
from threats.naming import name_editions


def returned_to(user) -> list[Assessment]:
    """Returned for revision, of threats that one of the user's departments owns."""
    if not may(user, Can.WORK_ON_ASSESSMENTS):
        return []
    return list(
        Assessment.objects.visible_to(user)
        .owned_by(user)
        .filter(status=Status.RETURNED)
        .select_related("quarter")  # the list shows the quarter, the name and dates only
        .grades_only()
        .with_threat_name()
        .distinct()
        .order_by("quarter__submission_deadline", "threat__name")
    )


def submitted_for_review(user) -> list[Assessment]:
    """Submitted and not yet decided, oldest submission first; `resubmitted` marks one that
    comes back after a return."""
    if not may(user, Can.REVIEW):
        return []
    returned_before = WorkflowEvent.objects.filter(
        assessment=OuterRef("pk"), action=WorkflowAction.RETURNED
    )
    return list(
        Assessment.objects.visible_to(user)
        .filter(status=Status.SUBMITTED)
        .select_related("quarter")  # the list shows the quarter, the name and dates only
        .grades_only()
        .with_threat_name()
        .annotate(resubmitted=Exists(returned_before))
        .order_by("submitted_at", "pk")
    )


def meeting_actions_of(user) -> list:
    """The open actions quarterly meetings gave this user, soonest due first, each with its
    threat as its meeting's edition names it (`threat_name`) and whether it is `overdue` (three
    queries at most, however many actions and editions)."""
    if not may(user, Can.OWN_MEETING_ACTIONS):
        return []
    actions = list(
        ImprovementAction.objects.owned_by(user)
        .filter(meeting__isnull=False)
        .still_open()
        .select_related("meeting__quarter", "raised_in__quarter__edition")
        .order_by("due_date", "pk")
    )
    name_editions(action.raised_in.quarter.edition for action in actions)  # `threat_name`
    today = timezone.localdate()
    for action in actions:
        action.overdue = action.due_date < today
    return actions
