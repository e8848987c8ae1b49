"""The one table of allowed workflow transitions, and the one function that checks it.

draft → submitted → returned → submitted … → signed off; a signed-off assessment is frozen
until the SPR lead reopens it (back to draft) with a reason. A business lead may withdraw a
submission (back to draft, or to returned if it was a resubmission) until somebody has
started reviewing it: "started reviewing" means an SPR lead who may decide on it has opened
its review page (Assessment.review_started_at, cleared by each new submission).
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError

from assessments.choices import EDITABLE_STATUSES, Status
from assessments.deadlines import closed_message, may_work_late
from assessments.models.records import WorkflowAction
from assessments.signatories import deputy_refusal
from spr_portal.access import GRANTS, Can, may
from spr_portal.wording import person_name
from threats.models import Department


class TransitionNotAllowed(Exception):
    """The action is not allowed from the assessment's current status."""


@dataclass(frozen=True)
class Transition:
    sources: frozenset[Status]
    target: Status | None  # None: the status stays as it is (saving a draft)
    can: Can  # what the actor's role must grant (spr_portal.access)
    owner_only: bool = False  # only a business lead of the owning department
    # (field, message) when the step needs a comment or a reason, the same in form and service
    needs_comment: tuple[str, str] | None = None
    # Never by a business lead of the owning department: a sign-off is the evidence of a
    # review by someone other than the people who wrote the assessment.
    independent: bool = False
    # Only while the quarter is open, or closed with a late submission granted for the threat.
    before_close: bool = False
    # Only while nobody has started reviewing the submission (see the module's docstring).
    not_under_review: bool = False


TRANSITIONS: dict[WorkflowAction, Transition] = {
    WorkflowAction.SAVED: Transition(
        EDITABLE_STATUSES, None, Can.WORK_ON_ASSESSMENTS, owner_only=True
    ),
    WorkflowAction.SUBMITTED: Transition(
        EDITABLE_STATUSES,
        Status.SUBMITTED,
        Can.WORK_ON_ASSESSMENTS,
        owner_only=True,
        before_close=True,
    ),
    WorkflowAction.RETURNED: Transition(
        frozenset({Status.SUBMITTED}),
        Status.RETURNED,
        Can.REVIEW,
        needs_comment=("comment", "Enter an overall comment saying what needs to be revised"),
    ),
    WorkflowAction.SIGNED_OFF: Transition(
        frozenset({Status.SUBMITTED}), Status.SIGNED_OFF, Can.REVIEW, independent=True
    ),
    WorkflowAction.REOPENED: Transition(
        frozenset({Status.SIGNED_OFF}),
        Status.DRAFT,
        Can.REVIEW,
        needs_comment=("reason", "Enter the reason for reopening the signed-off self-assessment"),
    ),
    WorkflowAction.WITHDRAWN: Transition(
        frozenset({Status.SUBMITTED}),
        Status.DRAFT,  # or RETURNED for a withdrawn resubmission (services/withdrawal.py)
        Can.WORK_ON_ASSESSMENTS,
        owner_only=True,
        # After the deadline a withdrawn submission could not be submitted again.
        before_close=True,
        not_under_review=True,
    ),
}

_VERB = {
    WorkflowAction.SAVED: "edit",
    WorkflowAction.SUBMITTED: "submit",
    WorkflowAction.RETURNED: "return",
    WorkflowAction.SIGNED_OFF: "sign off",
    WorkflowAction.REOPENED: "reopen",
    WorkflowAction.WITHDRAWN: "withdraw",
}


def is_owner(assessment, user) -> bool:
    """Is the user a business lead of the department that owns the assessment's threat (named,
    or standing in today)? Asked of the database, unless the read under the step's lock
    answered it for this user in the same statement (a section's save: `lock_to_save`)."""
    if not may(user, Can.SEE_OWN_DEPARTMENTS):
        return False
    answered = getattr(assessment, "owner_read_under_lock", None)
    if answered is not None and answered[0] == user.pk:
        return answered[1]
    # No owning department yet: nobody owns it.
    return Department.objects.is_led_by(assessment.threat.owning_department_id, user)


def may_see_workflow(assessment, user) -> bool:
    """History, versions and review comments are for the people who run the process: the SPR
    lead, the threat's chief officer lead and its owning business lead. The body's office reads
    signed-off results only."""
    if may(user, Can.REVIEW):
        return True
    holder_id = assessment.threat.lead_holder_id
    return (holder_id is not None and holder_id == user.pk) or is_owner(assessment, user)


def refusal(action: WorkflowAction, assessment, user) -> str:
    """Why check_transition would refuse the action now, or "" when it would allow it (for
    the pages, which explain instead of offering a button that cannot work)."""
    try:
        check_transition(action, assessment, user)
    except (PermissionDenied, TransitionNotAllowed) as error:
        return str(error)
    return ""


def may_act(action: WorkflowAction, assessment, user) -> bool:
    """Would check_transition allow it? (For deciding which buttons to show.)"""
    return not refusal(action, assessment, user)


def check_transition(action: WorkflowAction, assessment, user) -> Transition:
    """Raise PermissionDenied or TransitionNotAllowed unless `user` may do `action` now."""
    transition = TRANSITIONS[action]
    if not may(user, transition.can):
        role = ", ".join(sorted(role.value.lower() for role in GRANTS[transition.can]))
        raise PermissionDenied(f"Only the {role} may {_VERB[action]}.")
    if transition.owner_only and not is_owner(assessment, user):
        raise PermissionDenied(
            f"Only a business lead of {assessment.threat.owner_name} may "
            f"{_VERB[action]} this self-assessment."
        )
    if transition.independent and is_owner(assessment, user):
        raise PermissionDenied(
            f"You are a business lead of {assessment.threat.owner_name}, which owns "
            f"{assessment.threat_name}: another SPR lead must {_VERB[action]} its self-assessment."
        )
    if transition.independent and (why := deputy_refusal(assessment.quarter, user)):
        raise PermissionDenied(why)
    if assessment.status not in transition.sources:
        done = "edited" if action == WorkflowAction.SAVED else WorkflowAction(action).label
        raise TransitionNotAllowed(
            f"A self-assessment that is {assessment.get_status_display().lower()} cannot be "
            f"{done.lower()}."
        )
    if transition.before_close and not may_work_late(assessment.quarter, assessment.threat_id):
        raise TransitionNotAllowed(closed_message(assessment.quarter, assessment.threat_id))
    if transition.not_under_review and assessment.review_started_at is not None:
        raise TransitionNotAllowed(under_review_message(assessment))
    return transition


def under_review_message(assessment) -> str:
    who = assessment.review_started_by
    name = person_name(who) if who else "The SPR lead"
    return (
        f"{name} has started reviewing this self-assessment, so it can no longer be "
        "withdrawn. Ask them to return it to you for revision instead."
    )


def available_actions(assessment, user) -> list[WorkflowAction]:
    return [action for action in TRANSITIONS if may_act(action, assessment, user)]


def check_comment(action: WorkflowAction, comment: str) -> str:
    """The comment or reason the step needs, stripped; ValidationError on its field if it is
    empty. The review forms and the services both call this, so the rule and its words are
    the same wherever it is met."""
    comment = (comment or "").strip()
    rule = TRANSITIONS[action].needs_comment
    if rule and not comment:
        field, message = rule
        raise ValidationError({field: message})
    return comment
