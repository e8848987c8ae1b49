"""Sign-off deputies of a quarter: the SPR lead names people with the SPR lead role; a
business lead with that role signs off only when named, never for their own department; the
board's advance warning counts the same people; naming is on the audit trail."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from assessments import services
from assessments.selectors.board import quarter_board
from assessments.workflow import WorkflowAction, may_act, refusal
from audit.models import AuditAction, AuditEvent
from spr_portal.roles import Role
from tests.factories import UserFactory, complete_content

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead_and_reviewer(spr_lead, department):
    """The only SPR lead, who also leads the department that owns `threat`."""
    spr_lead.role_assignments.create(role=Role.BUSINESS_LEAD)
    department.leads.add(spr_lead)
    return spr_lead


@pytest.fixture
def deputy(other_department):
    """Someone with the SPR lead role who leads another department."""
    person = UserFactory(username="deputy", roles=["SPR lead", "Business lead"])
    other_department.leads.add(person)
    return person


def _submitted(threat, quarter, owner):
    assessment = services.assessment_start(threat=threat, quarter=quarter, actor=owner)
    assessment = services.assessment_save_draft(
        assessment=assessment, actor=owner, data=complete_content(), revision=assessment.revision
    )
    return services.assessment_submit(assessment=assessment, actor=owner)


def test_only_spr_lead_leading_the_department_is_warned_and_a_deputy_clears_it(
    client, lead_and_reviewer, deputy, threat, other_threat, quarter
):
    # Nobody is named yet: neither business lead with the SPR lead role signs off anything.
    unsignable = quarter_board(lead_and_reviewer, quarter).unsignable
    assert {t.pk for t in unsignable} == {threat.pk, other_threat.pk}
    client.force_login(lead_and_reviewer)
    board = reverse("assessments:quarter_board", kwargs={"pk": quarter.pk})
    assert b"Nobody may sign off" in client.get(board).content

    page = reverse("assessments:quarter_deputies", kwargs={"pk": quarter.pk})
    assert b"Sign-off deputies" in client.get(page).content
    response = client.post(page, {"deputies": [lead_and_reviewer.pk, deputy.pk]})
    assert response.status_code == 302
    assert set(quarter.deputies.all()) == {lead_and_reviewer, deputy}
    assert quarter_board(lead_and_reviewer, quarter).unsignable == []
    assert b"Nobody may sign off" not in client.get(board).content

    event = AuditEvent.objects.get(action=AuditAction.QUARTER_DEPUTIES_NAMED)
    assert event.actor == lead_and_reviewer
    assert (deputy.get_full_name() or deputy.username) in event.summary


def test_a_non_spr_lead_cannot_be_named(client, spr_lead, business_lead, quarter):
    with pytest.raises(ValidationError):
        services.quarter_name_deputies(quarter=quarter, deputies=[business_lead], actor=spr_lead)
    client.force_login(spr_lead)
    page = reverse("assessments:quarter_deputies", kwargs={"pk": quarter.pk})
    response = client.post(page, {"deputies": [business_lead.pk]})
    assert response.status_code == 200
    assert b"Select only people with the SPR lead role" in response.content
    assert not quarter.deputies.exists()
    assert not AuditEvent.objects.filter(action=AuditAction.QUARTER_DEPUTIES_NAMED).exists()


def test_only_the_spr_lead_names_deputies(business_lead, deputy, quarter):
    with pytest.raises(PermissionDenied):
        services.quarter_name_deputies(quarter=quarter, deputies=[deputy], actor=business_lead)


def test_sign_off_follows_the_same_rule(spr_lead, deputy, business_lead, threat, quarter):
    assessment = _submitted(threat, quarter, business_lead)
    assert not may_act(WorkflowAction.SIGNED_OFF, assessment, deputy)
    assert "name you a deputy for 2015/16 Q4" in refusal(
        WorkflowAction.SIGNED_OFF, assessment, deputy
    )
    services.quarter_name_deputies(quarter=quarter, deputies=[deputy], actor=spr_lead)
    assessment.quarter.refresh_from_db()
    assert may_act(WorkflowAction.SIGNED_OFF, assessment, deputy)
    # An SPR lead with no business lead role needs no naming.
    assert may_act(WorkflowAction.SIGNED_OFF, assessment, spr_lead)


def test_a_deputy_never_signs_off_their_own_department(
    spr_lead, deputy, other_business_lead, other_threat, quarter
):
    services.quarter_name_deputies(quarter=quarter, deputies=[deputy], actor=spr_lead)
    assessment = _submitted(other_threat, quarter, other_business_lead)
    assert not may_act(WorkflowAction.SIGNED_OFF, assessment, deputy)
