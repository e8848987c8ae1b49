"""A business lead's withdrawal of a submission, and the first opening of its review, which
ends the chance to withdraw (the rule is in assessments.workflow)."""

from django.db import transaction
from django.utils import timezone

from assessments.choices import EDITABLE_STATUSES, Status
from assessments.models import Assessment
from assessments.models.records import WorkflowAction
from assessments.services.assessments import NOUN, _move, audit_assessment, lock
from assessments.workflow import check_transition
from audit.models import AuditAction
from spr_portal.concurrency import check_revision


@transaction.atomic
def assessment_withdraw(*, assessment, actor, revision: int) -> Assessment:
    """The business lead takes a submission back before anyone has started reviewing it: to
    draft, or to returned if it was a resubmission. The submitted version stays on record."""
    assessment = lock(assessment)
    check_transition(WorkflowAction.WITHDRAWN, assessment, actor)
    check_revision(assessment, revision, NOUN)
    # Back to where it was submitted from: a withdrawn resubmission is still "returned", so
    # the reviewer's comments stay on the lead's task list.
    submitted = (
        assessment.events.filter(action=WorkflowAction.SUBMITTED).order_by("-at", "-pk").first()
    )
    back_to = submitted.from_status if submitted else Status.DRAFT
    _move(
        assessment,
        actor=actor,
        action=WorkflowAction.WITHDRAWN,
        to=back_to if back_to in EDITABLE_STATUSES else Status.DRAFT,
        comment="Withdrawn before review",
    )
    return assessment


def assessment_review_start(*, assessment, actor) -> bool:
    """Mark that a reviewer has opened the review of the current submission (once): from
    then on the business lead cannot withdraw it. True when this call marked it."""
    if assessment.status != Status.SUBMITTED or assessment.review_started_at is not None:
        # Already marked as the page read it: every later opening of the review would
        # otherwise open a transaction (two round trips) and lock the row to find nothing to
        # do. The marking checks again under the lock.
        return False
    return _mark_review_started(assessment=assessment, actor=actor)


@transaction.atomic
def _mark_review_started(*, assessment, actor) -> bool:
    assessment = lock(assessment)
    if assessment.status != Status.SUBMITTED or assessment.review_started_at is not None:
        return False
    check_transition(WorkflowAction.RETURNED, assessment, actor)
    assessment.review_started_at = timezone.now()
    assessment.review_started_by = actor
    assessment.save(update_fields=["review_started_at", "review_started_by"])
    audit_assessment(
        actor=actor,
        action=AuditAction.ASSESSMENT_REVIEW_STARTED,
        assessment=assessment,
        summary="Review opened: the submission can no longer be withdrawn",
    )
    return True
