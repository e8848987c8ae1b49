"""The one table of allowed workflow transitions, and the one function that checks it.

draft → submitted → returned → submitted … → signed off; a signed-off assessment is frozen
until the SPR lead reopens it (back to draft) with a reason.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied

from assessments.choices import Status
from assessments.models.records import WorkflowAction
from spr_portal.roles import Role, roles_of


class TransitionNotAllowed(Exception):
    """The action is not allowed from the assessment's current status."""


@dataclass(frozen=True)
class Transition:
    sources: frozenset[Status]
    target: Status | None  # None: the status stays as it is (saving a draft)
    role: Role
    owner_only: bool = False  # only a business lead of the owning department
    needs_comment: bool = False
    # Never by a business lead of the owning department: a sign-off is the evidence of a
    # review by someone other than the people who wrote the assessment.
    independent: bool = False


TRANSITIONS: dict[WorkflowAction, Transition] = {
    WorkflowAction.SAVED: Transition(
        frozenset({Status.DRAFT, Status.RETURNED}), None, Role.BUSINESS_LEAD, owner_only=True
    ),
    WorkflowAction.SUBMITTED: Transition(
        frozenset({Status.DRAFT, Status.RETURNED}),
        Status.SUBMITTED,
        Role.BUSINESS_LEAD,
        owner_only=True,
    ),
    WorkflowAction.RETURNED: Transition(
        frozenset({Status.SUBMITTED}), Status.RETURNED, Role.SPR_LEAD, needs_comment=True
    ),
    WorkflowAction.SIGNED_OFF: Transition(
        frozenset({Status.SUBMITTED}), Status.SIGNED_OFF, Role.SPR_LEAD, independent=True
    ),
    WorkflowAction.REOPENED: Transition(
        frozenset({Status.SIGNED_OFF}), Status.DRAFT, Role.SPR_LEAD, needs_comment=True
    ),
}

_VERB = {
    WorkflowAction.SAVED: "edit",
    WorkflowAction.SUBMITTED: "submit",
    WorkflowAction.RETURNED: "return",
    WorkflowAction.SIGNED_OFF: "sign off",
    WorkflowAction.REOPENED: "reopen",
}


def is_owner(assessment, user) -> bool:
    """Is the user a business lead of the department that owns the assessment's threat?"""
    if Role.BUSINESS_LEAD not in roles_of(user):
        return False
    return assessment.threat.owning_department.leads.filter(pk=user.pk).exists()


def may_act(action: WorkflowAction, assessment, user) -> bool:
    """Would check_transition allow it? (For deciding which buttons to show.)"""
    try:
        check_transition(action, assessment, user)
    except (PermissionDenied, TransitionNotAllowed):
        return False
    return True


def check_transition(action: WorkflowAction, assessment, user) -> Transition:
    """Raise PermissionDenied or TransitionNotAllowed unless `user` may do `action` now."""
    transition = TRANSITIONS[action]
    if transition.role not in roles_of(user):
        raise PermissionDenied(f"Only the {transition.role.value.lower()} may {_VERB[action]}.")
    if transition.owner_only and not is_owner(assessment, user):
        raise PermissionDenied(
            f"Only a business lead of {assessment.threat.owning_department} may "
            f"{_VERB[action]} this self-assessment."
        )
    if transition.independent and is_owner(assessment, user):
        raise PermissionDenied(
            f"You are a business lead of {assessment.threat.owning_department}, which owns "
            f"{assessment.threat}: another SPR lead must {_VERB[action]} its self-assessment."
        )
    if assessment.status not in transition.sources:
        done = "edited" if action == WorkflowAction.SAVED else WorkflowAction(action).label
        raise TransitionNotAllowed(
            f"A self-assessment that is {assessment.get_status_display().lower()} cannot be "
            f"{done.lower()}."
        )
    return transition


def available_actions(assessment, user) -> list[WorkflowAction]:
    return [action for action in TRANSITIONS if may_act(action, assessment, user)]
