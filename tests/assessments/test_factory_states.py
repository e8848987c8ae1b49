"""The factory's workflow traits give exactly the state the services give: the tests that use
them stand on what the app really records, not on a hand-made imitation."""

import pytest

from assessments.choices import Status
from assessments.models.records import WorkflowAction
from assessments.snapshots import build_snapshot, fingerprint
from tests.factories import RETURN_COMMENT, AssessmentFactory

pytestmark = pytest.mark.django_db


def _actions(assessment) -> list[str]:
    return list(assessment.events.order_by("pk").values_list("action", flat=True))


def test_a_draft_is_only_a_row(threat, quarter):
    draft = AssessmentFactory(threat=threat, quarter=quarter)
    assert draft.status == Status.DRAFT
    assert not draft.snapshots.exists() and not draft.events.exists()


def test_submitted_is_submitted_by_a_lead_of_the_owning_department(threat, quarter, business_lead):
    submitted = AssessmentFactory(threat=threat, quarter=quarter, submitted=True)
    assert submitted.status == Status.SUBMITTED and submitted.submitted_at is not None
    event = submitted.events.get()
    assert (event.action, event.actor) == (WorkflowAction.SUBMITTED, business_lead)
    assert event.snapshot.data == build_snapshot(submitted)


def test_returned_carries_its_comment_and_event(threat, quarter, spr_lead):
    returned = AssessmentFactory(threat=threat, quarter=quarter, returned=True)
    assert returned.status == Status.RETURNED
    assert _actions(returned) == [WorkflowAction.SUBMITTED, WorkflowAction.RETURNED]
    event = returned.events.get(action=WorkflowAction.RETURNED)
    assert (event.actor, event.comment) == (spr_lead, RETURN_COMMENT)
    comment = returned.review_comments.get()
    assert (comment.section, comment.body, comment.event) == ("", RETURN_COMMENT, event)


def test_signed_off_has_a_real_snapshot_and_fingerprint(threat, quarter, spr_lead):
    signed = AssessmentFactory(threat=threat, quarter=quarter, signed_off=True)
    assert signed.status == Status.SIGNED_OFF
    snapshot = signed.signed_snapshot
    assert snapshot.data == build_snapshot(signed)
    assert snapshot.data["summary"] == signed.summary != ""
    assert snapshot.fingerprint == fingerprint(snapshot.data)
    assert (signed.signed_off_by, signed.signed_off_at) == (spr_lead, snapshot.created_at)
    assert _actions(signed) == [WorkflowAction.SUBMITTED, WorkflowAction.SIGNED_OFF]
    assert signed.events.get(action=WorkflowAction.SIGNED_OFF).snapshot == snapshot


def test_a_department_without_a_lead_gets_one_to_submit(quarter):
    signed = AssessmentFactory(quarter=quarter, signed_off=True)
    submitter = signed.events.get(action=WorkflowAction.SUBMITTED).actor
    assert signed.threat.owning_department.leads.filter(pk=submitter.pk).exists()
