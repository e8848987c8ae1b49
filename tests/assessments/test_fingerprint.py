"""Sign-off as evidence: the SHA-256 fingerprint of the canonical snapshot changes when any
signed field would change, stays equal for an equal snapshot, and reopening keeps the old
signed snapshot untouched."""

import copy
import datetime

import pytest

from assessments import services
from assessments.choices import ActionStatus, CapabilityFramework, EvidenceSource, FourP, Status
from assessments.items import GRADED_ITEMS
from assessments.models import AssessmentSnapshot, ImprovementAction
from assessments.models.records import WorkflowAction
from assessments.snapshots import build_snapshot, canonical_bytes, fingerprint
from tests.factories import complete_content

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(threat, quarter, business_lead):
    assessment = services.assessment_start(threat=threat, quarter=quarter, actor=business_lead)
    data = complete_content()
    data.update(
        capability_framework=CapabilityFramework.USED.value,
        four_ps=[FourP.PREPARE.value, FourP.PURSUE.value],
        four_ps_narrative="The strategy covers Prepare and Pursue.",
        risks="Demand may outgrow the specialist teams.",
    )
    assessment = services.assessment_save_draft(
        assessment=assessment, actor=business_lead, data=data, revision=assessment.revision
    )
    services.action_add(
        assessment=assessment,
        actor=business_lead,
        description="Train twenty more specialist officers.",
        owner="DCI Public Protection",
        due_date=datetime.date(2016, 6, 30),
    )
    return services.assessment_submit(assessment=assessment, actor=business_lead)


def _print(assessment) -> str:
    return fingerprint(build_snapshot(assessment))


# Each change to a signed field of the assessment row, made in memory (never saved).
FIELD_CHANGES = [
    *[(item.grade_field, 3) for item in GRADED_ITEMS],
    *[(item.narrative_field, "A different account of this item.") for item in GRADED_ITEMS],
    (
        "evidence_sources",
        [EvidenceSource.OPERATIONAL_EXPERIENCE.value, EvidenceSource.STRA.value],
    ),
    ("capability_framework", CapabilityFramework.NONE_EXISTS.value),
    ("four_ps", [FourP.PREPARE.value]),
    ("four_ps_narrative", "The strategy covers Prepare only."),
    ("risks", "A new risk."),
    ("summary", "A different summary for the board report."),
]


def test_sign_off_stores_the_fingerprint_of_exactly_what_was_signed(submitted, spr_lead):
    expected = _print(submitted)
    signed = services.assessment_sign_off(assessment=submitted, actor=spr_lead)
    snapshot = signed.signed_snapshot
    assert len(snapshot.fingerprint) == 64
    assert snapshot.fingerprint == expected == fingerprint(snapshot.data)
    assert (signed.signed_off_by, signed.signed_off_at) == (spr_lead, snapshot.created_at)
    assert snapshot.data["actions"][0]["description"] == "Train twenty more specialist officers."


@pytest.mark.parametrize(("field", "value"), FIELD_CHANGES, ids=[f for f, _ in FIELD_CHANGES])
def test_the_fingerprint_changes_when_a_signed_field_would_change(submitted, field, value):
    before = _print(submitted)
    assert getattr(submitted, field) != value
    setattr(submitted, field, value)
    assert _print(submitted) != before


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("description", "Train thirty more specialist officers."),
        ("owner", "Superintendent Public Protection"),
        ("due_date", datetime.date(2016, 9, 30)),
        ("status", ActionStatus.IN_PROGRESS.value),
    ],
)
def test_the_fingerprint_changes_when_an_action_would_change(submitted, field, value):
    before = _print(submitted)
    ImprovementAction.objects.filter(threat=submitted.threat).update(**{field: value})
    assert _print(submitted) != before


def test_the_fingerprint_changes_when_an_action_is_added_or_closed(submitted, business_lead):
    before = _print(submitted)
    action = ImprovementAction.objects.get(threat=submitted.threat)
    ImprovementAction.objects.filter(pk=action.pk).update(
        status=ActionStatus.CLOSED, closed_on=datetime.date(2016, 3, 1), closed_in=submitted
    )
    closed = _print(submitted)
    assert closed != before
    ImprovementAction.objects.create(
        threat=submitted.threat,
        raised_in=submitted,
        description="Another action.",
        owner="Head of department",
        due_date=datetime.date(2016, 12, 31),
        created_by=business_lead,
    )
    assert _print(submitted) not in {before, closed}


def test_an_equal_snapshot_has_an_equal_fingerprint(submitted):
    snapshot = build_snapshot(submitted)
    assert fingerprint(snapshot) == fingerprint(build_snapshot(submitted))
    # Key order and the order choices were ticked in do not matter: the bytes are canonical.
    reordered = dict(reversed(list(copy.deepcopy(snapshot).items())))
    assert fingerprint(reordered) == fingerprint(snapshot)
    submitted.evidence_sources = list(reversed(submitted.evidence_sources + ["stra"]))
    once = _print(submitted)
    submitted.evidence_sources = sorted(submitted.evidence_sources)
    assert _print(submitted) == once


def test_the_stored_snapshot_survives_the_database_round_trip(submitted, spr_lead):
    """JSON columns may reorder keys (PostgreSQL's jsonb does): the fingerprint must not move."""
    signed = services.assessment_sign_off(assessment=submitted, actor=spr_lead)
    stored = AssessmentSnapshot.objects.get(pk=signed.signed_snapshot_id)
    assert fingerprint(stored.data) == stored.fingerprint
    assert canonical_bytes(stored.data) == canonical_bytes(build_snapshot(signed))


def test_reopen_keeps_the_old_snapshot_and_a_new_sign_off_makes_a_new_one(
    submitted, business_lead, spr_lead
):
    signed = services.assessment_sign_off(assessment=submitted, actor=spr_lead)
    first = AssessmentSnapshot.objects.get(pk=signed.signed_snapshot_id)
    first_data, first_print = copy.deepcopy(first.data), first.fingerprint

    reopened = services.assessment_reopen(
        assessment=signed, actor=spr_lead, reason="Regional capacity figures were wrong."
    )
    assert reopened.status == Status.DRAFT
    assert reopened.signed_snapshot is None
    reopen_event = reopened.events.get(action=WorkflowAction.REOPENED)
    assert reopen_event.snapshot_id == first.pk
    assert reopen_event.comment == "Regional capacity figures were wrong."

    changed = services.assessment_save_draft(
        assessment=reopened,
        actor=business_lead,
        data={"capacity_regional_grade": 3},
        revision=reopened.revision,
    )
    resubmitted = services.assessment_submit(assessment=changed, actor=business_lead)
    resigned = services.assessment_sign_off(assessment=resubmitted, actor=spr_lead)

    first.refresh_from_db()
    assert (first.data, first.fingerprint) == (first_data, first_print)
    assert fingerprint(first.data) == first_print
    assert resigned.signed_snapshot_id != first.pk
    assert resigned.signed_snapshot.fingerprint != first_print
    assert resigned.signed_snapshot.data["items"]["capacity_regional"]["grade"] == 3
    assert first.data["items"]["capacity_regional"]["grade"] == 4
    assert [s.number for s in resigned.snapshots.order_by("number")] == [1, 2, 3, 4]
