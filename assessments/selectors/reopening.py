"""A self-assessment the SPR lead reopened and nobody has signed off again: a draft with a
reopening in its history. Only a reopening turns a signed-off self-assessment back into a
draft, and it is a draft again after a later sign-off only through another reopening, so the
latest reopening of a draft is the one that stands (a submission the lead withdrew leaves it
standing too). Its reason is what the business lead reads on the home page and the task list,
and what makes the next submission one "after it was reopened"."""

from django.db.models import OuterRef, Subquery

from assessments.choices import Status
from assessments.models import Assessment, WorkflowEvent
from assessments.models.records import WorkflowAction
from spr_portal.access import Can, may


def _reopenings():
    return WorkflowEvent.objects.filter(action=WorkflowAction.REOPENED)


def latest_reopening(assessment, *, status=None) -> WorkflowEvent | None:
    """The reopening that stands for this self-assessment (with its actor), or None. `status`:
    the one to judge by, when the assessment has just left it (a submission)."""
    if (assessment.status if status is None else status) != Status.DRAFT:
        return None
    return (
        _reopenings()
        .filter(assessment=assessment)
        .select_related("actor")
        .order_by("-at", "-pk")
        .first()
    )


def reopened_to(user) -> list[Assessment]:
    """Reopened self-assessments of threats a department the user leads today owns, each with its
    `reopening` (the event, with who reopened it). Two queries, however many; one if none."""
    if not may(user, Can.WORK_ON_ASSESSMENTS):
        return []
    latest = _reopenings().filter(assessment=OuterRef("pk")).order_by("-at", "-pk").values("pk")
    assessments = list(
        Assessment.objects.visible_to(user)
        .owned_by(user)  # the departments the user leads today, as a stand-in too
        .filter(status=Status.DRAFT)
        .annotate(reopening_id=Subquery(latest[:1]))
        .filter(reopening_id__isnull=False)
        .select_related("quarter")  # the list shows the quarter, the name and dates only
        .grades_only()
        .with_threat_name()
        .order_by("quarter__submission_deadline", "threat__name")
    )
    if assessments:
        events = WorkflowEvent.objects.select_related("actor").in_bulk(
            [a.reopening_id for a in assessments]
        )
        for assessment in assessments:
            assessment.reopening = events[assessment.reopening_id]
    return assessments
