"""The workflow services: each rule of the transition table, the audit trail and locking."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from assessments import services
from assessments.choices import Status
from assessments.models import Assessment, ReviewComment, WorkflowEvent
from assessments.models.records import WorkflowAction
from assessments.snapshots import build_snapshot, fingerprint
from assessments.workflow import TransitionNotAllowed
from tests.assessments.lead_support import complete
from tests.factories import AssessmentFactory, EditionFactory, complete_content

pytestmark = pytest.mark.django_db


def test_start_records_who_started_it(draft, business_lead):
    assert draft.status == Status.DRAFT
    event = draft.events.get()
    assert (event.actor, event.action, event.to_status) == (business_lead, "started", "draft")


def test_start_is_refused_to_another_departments_lead(threat, quarter, other_business_lead):
    with pytest.raises(PermissionDenied):
        services.assessment_start(threat=threat, quarter=quarter, actor=other_business_lead)


def test_start_is_refused_in_a_closed_quarter(threat, quarter, business_lead):
    quarter.is_open = False
    quarter.save()
    with pytest.raises(ValidationError):
        services.assessment_start(threat=threat, quarter=quarter, actor=business_lead)


def test_a_second_start_of_the_same_threat_and_quarter_is_refused(draft, business_lead):
    with pytest.raises(ValidationError) as refused:
        services.assessment_start(threat=draft.threat, quarter=draft.quarter, actor=business_lead)
    assert refused.value.messages == [
        f"The {draft.quarter.label} self-assessment of {draft.threat_name} is already started."
    ]
    assert Assessment.objects.get() == draft
    assert WorkflowEvent.objects.count() == 1


def test_a_stale_save_is_refused_and_changes_nothing(draft, business_lead):
    opened_at = draft.revision
    services.assessment_save_draft(
        assessment=draft,
        actor=business_lead,
        data={"risks": "First person's text."},
        revision=opened_at,
    )
    with pytest.raises(services.ConcurrentEdit):
        services.assessment_save_draft(
            assessment=draft,
            actor=business_lead,
            data={"risks": "Second person's text."},
            revision=opened_at,
        )
    draft.refresh_from_db()
    assert draft.risks == "First person's text."


def test_submit_lists_exactly_what_is_missing(draft, business_lead):
    data = complete_content()
    data["capability_grade"] = None
    data["summary"] = "tbc"
    data["evidence_sources"] = []
    draft = services.assessment_save_draft(
        assessment=draft, actor=business_lead, data=data, revision=draft.revision
    )
    with pytest.raises(services.IncompleteAssessment) as refused:
        services.assessment_submit(assessment=draft, actor=business_lead)
    assert [field for field, _ in refused.value.missing] == [
        "capability_grade",
        "evidence_sources",
        "summary",
    ]
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_the_whole_cycle_leaves_a_complete_audit_trail(draft, business_lead, spr_lead):
    draft = complete(draft, business_lead)
    submitted = services.assessment_submit(assessment=draft, actor=business_lead)
    returned = services.assessment_return(
        assessment=submitted,
        actor=spr_lead,
        comment="Add local numbers.",
        section_comments={"capacity_local": "How many officers?"},
    )
    resubmitted = services.assessment_submit(assessment=returned, actor=business_lead)
    signed = services.assessment_sign_off(assessment=resubmitted, actor=spr_lead)

    assert signed.status == Status.SIGNED_OFF
    assert signed.signed_off_by == spr_lead
    assert signed.signed_snapshot.fingerprint == fingerprint(build_snapshot(signed))
    assert [e.action for e in signed.events.all()] == [
        "started",
        "saved",
        "submitted",
        "returned",
        "submitted",
        "signed_off",
    ]
    assert {c.section for c in signed.review_comments.all()} == {"", "capacity_local"}


def test_signed_off_assessment_cannot_be_edited_by_anyone(threat, quarter, business_lead, spr_lead):
    signed = AssessmentFactory(
        threat=threat, quarter=quarter, signed_off=True, lead=business_lead, reviewer=spr_lead
    )
    with pytest.raises(TransitionNotAllowed):
        services.assessment_save_draft(
            assessment=signed, actor=business_lead, data={"risks": "x"}, revision=signed.revision
        )
    with pytest.raises(PermissionDenied):
        services.assessment_save_draft(
            assessment=signed, actor=spr_lead, data={"risks": "x"}, revision=signed.revision
        )


def test_reopen_needs_a_reason_and_keeps_the_signed_snapshot(
    threat, quarter, business_lead, spr_lead
):
    signed = AssessmentFactory(
        threat=threat, quarter=quarter, signed_off=True, lead=business_lead, reviewer=spr_lead
    )
    snapshot = signed.signed_snapshot
    with pytest.raises(ValidationError):
        services.assessment_reopen(assessment=signed, actor=spr_lead, reason="  ")
    reopened = services.assessment_reopen(
        assessment=signed, actor=spr_lead, reason="Wrong figures for regional capacity."
    )
    assert reopened.status == Status.DRAFT
    snapshot.refresh_from_db()
    assert snapshot.fingerprint == fingerprint(snapshot.data)
    assert reopened.events.last().snapshot == snapshot
    assert reopened.events.last().action == WorkflowAction.REOPENED


@pytest.mark.parametrize("in_force", ["added later", "retired"])
def test_start_is_refused_for_a_threat_outside_the_quarters_edition(
    in_force, threat, quarter, business_lead
):
    """The 2015 edition's quarter cannot assess a threat added in 2023, nor one retired in 2015."""
    if in_force == "added later":
        threat.added_in = EditionFactory(year=2023)
    else:
        threat.retired_in = quarter.edition
    threat.save()
    with pytest.raises(ValidationError) as refused:
        services.assessment_start(threat=threat, quarter=quarter, actor=business_lead)
    assert refused.value.messages == [
        "Child Sexual Abuse is not a national threat of the Strategic Policing Requirement 2015."
    ]
    assert not Assessment.objects.exists() and not WorkflowEvent.objects.exists()


@pytest.mark.parametrize("comment", ["", "   \n\t  "])
def test_a_return_without_a_comment_is_refused_and_changes_nothing(
    comment, threat, quarter, spr_lead
):
    submitted = AssessmentFactory(threat=threat, quarter=quarter, submitted=True)
    with pytest.raises(ValidationError) as refused:
        services.assessment_return(
            assessment=submitted,
            actor=spr_lead,
            comment=comment,
            section_comments={"capacity_local": "How many officers?"},
        )
    assert refused.value.message_dict == {
        "comment": ["Enter an overall comment saying what needs to be revised"]
    }
    after = Assessment.objects.get(pk=submitted.pk)
    assert (after.status, after.revision) == (Status.SUBMITTED, submitted.revision)
    assert not after.events.filter(action=WorkflowAction.RETURNED).exists()
    assert after.events.count() == 1  # the submission only
    assert not ReviewComment.objects.exists()
