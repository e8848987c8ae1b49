"""The workflow, exhaustively: every status × every action × every role, through the real
services, against a table of expectations written out here by hand (not read from
assessments.workflow, so a wrong entry there fails here)."""

import pytest
from django.core.exceptions import PermissionDenied

from assessments import services
from assessments.choices import Status
from assessments.models import Assessment, WorkflowEvent
from assessments.models.records import WorkflowAction
from assessments.workflow import TRANSITIONS, TransitionNotAllowed, available_actions, may_act
from spr_portal.roles import Role
from tests.conftest import ROLE_FIXTURES
from tests.factories import (
    ChiefOfficerPostFactory,
    DepartmentFactory,
    QuarterFactory,
    ThreatFactory,
    UserFactory,
    complete_content,
)
from tests.world import kept_for_module

pytestmark = pytest.mark.django_db

A = WorkflowAction
S = Status

# action: (the role fixtures allowed to take it, the statuses it may start from, the target)
EXPECTED = {
    A.SAVED: ({"business_lead"}, {S.DRAFT, S.RETURNED}, None),
    A.SUBMITTED: ({"business_lead"}, {S.DRAFT, S.RETURNED}, S.SUBMITTED),
    A.RETURNED: ({"spr_lead"}, {S.SUBMITTED}, S.RETURNED),
    A.SIGNED_OFF: ({"spr_lead"}, {S.SUBMITTED}, S.SIGNED_OFF),
    A.REOPENED: ({"spr_lead"}, {S.SIGNED_OFF}, S.DRAFT),
    A.WITHDRAWN: ({"business_lead"}, {S.SUBMITTED}, S.DRAFT),
}
# Roles whose refusal is about who they are, whatever the status: PermissionDenied.
# Everyone else is refused for the status: TransitionNotAllowed.
SAME_ROLE_OTHER_DEPARTMENT = {"other_business_lead"}  # a business lead, but not the owner


def test_the_table_covers_every_action_but_starting():
    assert set(TRANSITIONS) == set(WorkflowAction) - {WorkflowAction.STARTED}
    assert set(EXPECTED) == set(TRANSITIONS)


def _assessment_in(status, *, threat, quarter, owner, reviewer):
    """An assessment brought to `status` by the real services, as in the app."""
    assessment = services.assessment_start(threat=threat, quarter=quarter, actor=owner)
    assessment = services.assessment_save_draft(
        assessment=assessment, actor=owner, data=complete_content(), revision=assessment.revision
    )
    if status == S.DRAFT:
        return assessment  # complete, so that only the table decides whether it may go on
    assessment = services.assessment_submit(assessment=assessment, actor=owner)
    if status == S.RETURNED:
        return services.assessment_return(
            assessment=assessment, actor=reviewer, comment="Add the local numbers."
        )
    if status == S.SIGNED_OFF:
        return services.assessment_sign_off(assessment=assessment, actor=reviewer)
    return assessment


def _act(action, assessment, user):
    if action == A.SAVED:
        return services.assessment_save_draft(
            assessment=assessment,
            actor=user,
            data={"risks": "A new risk to the response."},
            revision=assessment.revision,
        )
    if action == A.SUBMITTED:
        return services.assessment_submit(assessment=assessment, actor=user)
    if action == A.RETURNED:
        return services.assessment_return(
            assessment=assessment, actor=user, comment="Say more about regional capacity."
        )
    if action == A.SIGNED_OFF:
        return services.assessment_sign_off(assessment=assessment, actor=user)
    if action == A.WITHDRAWN:
        return services.assessment_withdraw(
            assessment=assessment, actor=user, revision=assessment.revision
        )
    return services.assessment_reopen(
        assessment=assessment, actor=user, reason="The figures were wrong."
    )


def _expected_outcome(action, status, role_fixture):
    roles, sources, _ = EXPECTED[action]
    if role_fixture not in roles:
        return PermissionDenied
    if status not in sources:
        return TransitionNotAllowed
    return None


# The role fixtures' users as `in_each_status` makes them: the roles of tests/conftest.py's
# fixtures of the same names, under their own usernames.
ROLES_OF_FIXTURES = {
    "business_lead": [Role.BUSINESS_LEAD],
    "other_business_lead": [Role.BUSINESS_LEAD],
    "spr_lead": [Role.SPR_LEAD],
    "chief_officer": [Role.CHIEF_OFFICER_LEAD],
    "other_chief_officer": [Role.CHIEF_OFFICER_LEAD],
    "pcc_office": [Role.POLICING_BODY_OFFICE],
    "administrator": [Role.ADMINISTRATOR],
    "no_role_user": [],
}


@pytest.fixture(scope="module")
def in_each_status(django_db_setup, django_db_blocker, tmp_path_factory):
    """One self-assessment in each status (each of its own threat, all of the business lead's
    department and the chief officer's portfolio), brought there by the real services once
    for the module; each case acts in a savepoint rolled back after it. Returns the users by
    role fixture and the assessments' ids by status."""
    assert set(ROLES_OF_FIXTURES) == set(ROLE_FIXTURES)
    with kept_for_module(django_db_blocker, tmp_path_factory.mktemp("media")):
        users = {
            name: UserFactory(
                username=f"table.{name}", roles=roles, is_staff=name == "administrator"
            )
            for name, roles in ROLES_OF_FIXTURES.items()
        }
        department = DepartmentFactory(leads=[users["business_lead"]])
        DepartmentFactory(leads=[users["other_business_lead"]])
        ChiefOfficerPostFactory(holder=users["other_chief_officer"])
        portfolio = ChiefOfficerPostFactory(holder=users["chief_officer"])
        quarter = QuarterFactory()
        ids = {
            status: _assessment_in(
                status,
                threat=ThreatFactory(owning_department=department, chief_officer_lead=portfolio),
                quarter=quarter,
                owner=users["business_lead"],
                reviewer=users["spr_lead"],
            ).pk
            for status in Status
        }
        yield users, ids


@pytest.mark.parametrize("role_fixture", ROLE_FIXTURES)
@pytest.mark.parametrize("action", list(EXPECTED), ids=lambda a: a.value)
@pytest.mark.parametrize("status", list(Status), ids=lambda s: s.value)
def test_every_status_action_and_role(db, in_each_status, status, action, role_fixture):
    users, ids = in_each_status
    user = users[role_fixture]
    assessment = Assessment.objects.get(pk=ids[status])
    assert assessment.status == status
    events_before = WorkflowEvent.objects.filter(assessment=assessment).count()
    refused_with = _expected_outcome(action, status, role_fixture)

    assert may_act(action, assessment, user) is (refused_with is None)
    assert (action in available_actions(assessment, user)) is (refused_with is None)

    if refused_with is None:
        changed = _act(action, assessment, user)
        target = EXPECTED[action][2] or status
        assert changed.status == target
        event = WorkflowEvent.objects.filter(assessment=assessment).latest("pk")
        assert (event.actor, event.action, event.to_status) == (user, action, target)
        assert event.from_status == status
    else:
        with pytest.raises(refused_with):
            _act(action, assessment, user)
        assessment.refresh_from_db()
        assert assessment.status == status
        assert WorkflowEvent.objects.filter(assessment=assessment).count() == events_before


@pytest.mark.parametrize("role_fixture", ROLE_FIXTURES)
def test_only_the_owning_business_lead_may_start(request, role_fixture, threat, quarter):
    user = request.getfixturevalue(role_fixture)
    if role_fixture == "business_lead":
        assessment = services.assessment_start(threat=threat, quarter=quarter, actor=user)
        assert assessment.status == S.DRAFT
        assert assessment.events.get().action == A.STARTED
    else:
        with pytest.raises(PermissionDenied):
            services.assessment_start(threat=threat, quarter=quarter, actor=user)


@pytest.mark.parametrize("status", list(Status), ids=lambda s: s.value)
def test_a_superuser_without_a_role_takes_no_workflow_action(
    status, threat, quarter, business_lead, spr_lead
):
    """Force IT's superuser account manages accounts; it never reviews or edits content."""
    superuser = UserFactory(username="it.superuser", is_superuser=True, is_staff=True)
    assessment = _assessment_in(
        status, threat=threat, quarter=quarter, owner=business_lead, reviewer=spr_lead
    )
    assert available_actions(assessment, superuser) == []
    for action in EXPECTED:
        with pytest.raises(PermissionDenied):
            _act(action, assessment, superuser)


def test_roles_add_up_for_a_user_with_two_roles(threat, quarter, business_lead, department):
    """Each action checks its own rule: a user who is both a lead of the owning department
    and SPR lead may edit and submit as the lead and return as SPR lead, but not sign off
    what their own department wrote."""
    both = UserFactory(username="lead.and.reviewer", roles=["Business lead", "SPR lead"])
    department.leads.add(both)
    draft = _assessment_in(
        S.DRAFT, threat=threat, quarter=quarter, owner=business_lead, reviewer=both
    )
    assert set(available_actions(draft, both)) == {A.SAVED, A.SUBMITTED}
    submitted = services.assessment_submit(assessment=draft, actor=both)
    # As the owner's lead they may still withdraw it, until a review has started.
    assert set(available_actions(submitted, both)) == {A.RETURNED, A.WITHDRAWN}
