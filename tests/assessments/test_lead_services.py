"""The rules behind the business lead's journey, held by the services and the
lead's selectors: submission, ownership, frozen states, concurrency, carrying forward."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from assessments import services
from assessments.choices import NOT_STARTED_LABEL, ActionStatus, Status
from assessments.items import GRADED_ITEMS
from assessments.models import Assessment, ImprovementAction, WorkflowEvent
from assessments.selectors.lead import (
    COMPLETED,
    IN_PROGRESS,
    OPTIONAL,
    latest_signed_off,
    section_state,
)
from assessments.workflow import TransitionNotAllowed
from tests.assessments.lead_support import complete, past_quarter, signed_off, submitted
from tests.cold_cache import empty_cache, stamp_read_outside_a_request
from tests.factories import (
    AssessmentFactory,
    ImprovementActionFactory,
    QuarterFactory,
    complete_content,
)

pytestmark = pytest.mark.django_db


def test_an_empty_draft_cannot_be_submitted_and_every_missing_item_is_listed(draft, business_lead):
    with pytest.raises(services.IncompleteAssessment) as refused:
        services.assessment_submit(assessment=draft, actor=business_lead)
    expected = []
    for item in GRADED_ITEMS:
        expected += [item.grade_field, item.narrative_field]
    expected += ["evidence_sources", "summary"]
    assert [field for field, _ in refused.value.missing] == expected
    assert refused.value.missing[0] == (
        "capacity_local_grade",
        "Choose a grade for Capacity – local",
    )
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert not draft.events.filter(action="submitted").exists()


def test_a_narrative_must_be_at_least_a_sentence(draft, business_lead):
    data = complete_content()
    data["consistency_narrative"] = "tbc"
    draft = services.assessment_save_draft(
        assessment=draft, actor=business_lead, data=data, revision=draft.revision
    )
    with pytest.raises(services.IncompleteAssessment) as refused:
        services.assessment_submit(assessment=draft, actor=business_lead)
    assert refused.value.missing == [
        (
            "consistency_narrative",
            "The Consistency narrative has 1 word and 3 characters: write 3 more words and "
            "17 more characters (at least 4 words and 20 characters)",
        )
    ]


def test_a_complete_draft_is_submitted_with_an_event_and_a_snapshot(draft, business_lead):
    result = submitted(draft, business_lead)
    assert result.status == Status.SUBMITTED
    event = result.events.last()
    assert (event.actor, event.action, event.from_status, event.to_status) == (
        business_lead,
        "submitted",
        "draft",
        "submitted",
    )
    assert event.snapshot.data["summary"] == complete_content()["summary"]


def test_a_lead_of_another_department_can_neither_edit_nor_submit(draft, other_business_lead):
    complete(draft, draft.created_by)
    with pytest.raises(PermissionDenied):
        services.assessment_submit(assessment=draft, actor=other_business_lead)
    with pytest.raises(PermissionDenied):
        services.assessment_save_draft(
            assessment=draft, actor=other_business_lead, data={"risks": "x"}, revision=2
        )
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


@pytest.mark.parametrize("status", ["submitted", "signed_off"])
def test_a_submitted_or_signed_off_assessment_cannot_be_edited(
    draft, business_lead, spr_lead, status
):
    frozen = submitted(draft, business_lead)
    if status == "signed_off":
        frozen = services.assessment_sign_off(assessment=frozen, actor=spr_lead)
    with pytest.raises(TransitionNotAllowed):
        services.assessment_save_draft(
            assessment=frozen, actor=business_lead, data={"risks": "x"}, revision=frozen.revision
        )
    with pytest.raises(TransitionNotAllowed):
        services.action_add(
            assessment=frozen,
            actor=business_lead,
            description="Too late",
            owner="Head of PPU",
            due_date=frozen.quarter.meeting_date,
        )
    frozen.refresh_from_db()
    assert frozen.risks == ""


def test_the_second_of_two_saves_from_the_same_revision_is_refused(draft, business_lead):
    opened_at = draft.revision
    services.assessment_save_draft(
        assessment=draft, actor=business_lead, data={"risks": "First text."}, revision=opened_at
    )
    events = WorkflowEvent.objects.count()
    with pytest.raises(services.ConcurrentEdit) as refused:
        services.assessment_save_draft(
            assessment=draft,
            actor=business_lead,
            data={"risks": "Second text."},
            revision=opened_at,
        )
    assert refused.value.current.risks == "First text."
    assert refused.value.current.revision == opened_at + 1
    draft.refresh_from_db()
    assert draft.risks == "First text."
    assert WorkflowEvent.objects.count() == events  # a refused save leaves no trace


def test_start_from_last_quarter_copies_the_latest_signed_off_and_carries_open_actions(
    threat, quarter, business_lead, spr_lead
):
    older = signed_off(
        threat=threat, quarter=past_quarter(2015, 2), reviewer=spr_lead, risks="Older risks."
    )
    latest = signed_off(
        threat=threat,
        quarter=past_quarter(2015, 3),
        reviewer=spr_lead,
        risks="Latest risks.",
        capability_grade=2,
    )
    still_open = ImprovementAction.objects.create(
        threat=threat,
        raised_in=older,
        description="Open the remaining hubs.",
        owner="Head of PPU",
        due_date=quarter.meeting_date,
        created_by=business_lead,
    )
    ImprovementAction.objects.create(
        threat=threat,
        raised_in=older,
        closed_in=latest,
        status=ActionStatus.CLOSED,
        closed_on=latest.quarter.meeting_date,
        description="Done last quarter.",
        owner="Head of PPU",
        due_date=quarter.meeting_date,
        created_by=business_lead,
    )

    draft = services.assessment_start(
        threat=threat, quarter=quarter, actor=business_lead, from_previous=True
    )
    assert (draft.risks, draft.capability_grade) == ("Latest risks.", 2)
    assert draft.summary == latest.summary
    assert draft.events.get().comment == "Started from last quarter"
    assert list(ImprovementAction.objects.for_assessment(draft)) == [still_open]


def test_start_empty_copies_nothing_but_still_carries_open_actions(
    threat, quarter, business_lead, spr_lead
):
    previous = signed_off(threat=threat, quarter=past_quarter(2015, 3), reviewer=spr_lead)
    action = ImprovementAction.objects.create(
        threat=threat,
        raised_in=previous,
        description="Train more investigators.",
        owner="Head of PPU",
        due_date=quarter.meeting_date,
        created_by=business_lead,
    )
    draft = services.assessment_start(threat=threat, quarter=quarter, actor=business_lead)
    assert draft.capacity_local_grade is None and draft.summary == ""
    assert list(ImprovementAction.objects.for_assessment(draft)) == [action]


def test_closing_an_action_records_when_and_where_and_stops_it_carrying_forward(
    draft, business_lead, threat, spr_lead
):
    action = services.action_add(
        assessment=draft,
        actor=business_lead,
        description="Complete the CSA strategy.",
        owner="Head of PPU",
        due_date=draft.quarter.meeting_date,
    )
    closed = services.action_close(assessment=draft, action=action, actor=business_lead)
    assert closed.status == ActionStatus.CLOSED
    assert closed.closed_in == draft and closed.closed_on is not None
    # Still shown on the assessment that closed it, but not on the next quarter's.
    assert list(ImprovementAction.objects.for_assessment(draft)) == [closed]
    signed = services.assessment_sign_off(
        assessment=submitted(Assessment.objects.get(pk=draft.pk), business_lead), actor=spr_lead
    )
    next_quarter = QuarterFactory(financial_year=2016, number=1)
    services.quarter_close(quarter=draft.quarter, actor=spr_lead)
    next_quarter = services.quarter_open(quarter=next_quarter, actor=spr_lead)
    following = services.assessment_start(threat=threat, quarter=next_quarter, actor=business_lead)
    assert signed.status == Status.SIGNED_OFF
    assert not ImprovementAction.objects.for_assessment(following).exists()


def test_an_action_edit_from_a_stale_form_is_refused(draft, business_lead):
    action = services.action_add(
        assessment=draft,
        actor=business_lead,
        description="Complete the CSA strategy.",
        owner="Head of PPU",
        due_date=draft.quarter.meeting_date,
    )
    opened = action.revision
    services.action_edit(
        assessment=draft, action=action, actor=business_lead, revision=opened, owner="DCI PPU"
    )
    explanation = "This improvement action was changed by someone else after you opened it"
    with pytest.raises(services.ConcurrentEdit, match=explanation) as refused:
        services.action_edit(
            assessment=draft, action=action, actor=business_lead, revision=opened, owner="Someone"
        )
    assert refused.value.current.revision == opened + 1
    action.refresh_from_db()
    assert action.owner == "DCI PPU"


def test_closing_an_action_refuses_an_edit_form_opened_before(draft, business_lead):
    action = services.action_add(
        assessment=draft,
        actor=business_lead,
        description="Complete the CSA strategy.",
        owner="Head of PPU",
        due_date=draft.quarter.meeting_date,
    )
    opened = action.revision
    services.action_close(assessment=draft, action=action, actor=business_lead)
    with pytest.raises(services.ConcurrentEdit):
        services.action_edit(
            assessment=draft,
            action=action,
            actor=business_lead,
            revision=opened,
            status=ActionStatus.OPEN,
        )
    action.refresh_from_db()
    assert (action.status, action.revision) == (ActionStatus.CLOSED, opened + 1)


def test_latest_signed_off_takes_two_queries_for_many_threats(
    threat, other_threat, quarter, spr_lead, django_assert_num_queries
):
    q1, q2, q3 = past_quarter(2015, 1), past_quarter(2015, 2), past_quarter(2015, 3)
    signed_off(threat=threat, quarter=q1, reviewer=spr_lead)
    latest = signed_off(threat=threat, quarter=q2, reviewer=spr_lead)
    signed_off(threat=other_threat, quarter=q1, reviewer=spr_lead)
    other_latest = signed_off(threat=other_threat, quarter=q3, reviewer=spr_lead)
    # The threats' lineage (which threat succeeds which, kept under the cache's write stamp:
    # a row read here when there is no Redis, outside a request), then the assessments.
    stamp = stamp_read_outside_a_request()
    empty_cache()
    with django_assert_num_queries(stamp + 2):
        found = latest_signed_off([threat.pk, other_threat.pk], before=quarter)
        found = {pk: (a.pk, a.quarter.label) for pk, a in found.items()}
    with django_assert_num_queries(stamp + 1):  # the lineage kept: the assessments alone
        latest_signed_off([threat.pk, other_threat.pk], before=quarter)
    assert found == {
        threat.pk: (latest.pk, "2015/16 Q2"),
        other_threat.pk: (other_latest.pk, "2015/16 Q3"),
    }
    # Nothing from the quarter itself or later.
    assert latest_signed_off([other_threat.pk], before=q3)[other_threat.pk].quarter == q1


def test_section_states_follow_the_submission_rules(draft, business_lead):
    assert section_state(draft, "capacity_local") == NOT_STARTED_LABEL
    assert section_state(draft, "risks") == OPTIONAL
    draft.capacity_local_grade = 3
    assert section_state(draft, "capacity_local") == IN_PROGRESS
    draft.capacity_local_narrative = "tbc"
    assert section_state(draft, "capacity_local") == IN_PROGRESS
    draft.capacity_local_narrative = "Two teams joined the unit this quarter."
    assert section_state(draft, "capacity_local") == COMPLETED
    draft.evidence_sources = ["stra"]
    assert section_state(draft, "evidence") == IN_PROGRESS
    draft.capability_framework = "used"
    assert section_state(draft, "evidence") == COMPLETED
    draft.summary = "short"
    assert section_state(draft, "summary") == IN_PROGRESS


def _foreign_action(case, *, threat, other_threat, business_lead, other_business_lead):
    """An improvement action that the draft of `threat` in 2015/16 Q4 does not show."""
    if case == "another threat's":
        other = services.assessment_start(
            threat=other_threat, quarter=QuarterFactory(), actor=other_business_lead
        )
        return ImprovementActionFactory(raised_in=other, created_by=other_business_lead)
    # Closed in an earlier quarter of the same threat: it stopped carrying forward there.
    earlier = AssessmentFactory(threat=threat, quarter=past_quarter(2015, 3))
    return ImprovementActionFactory(
        raised_in=earlier,
        status=ActionStatus.CLOSED,
        closed_on=datetime.date(2015, 12, 1),
        closed_in=earlier,
    )


@pytest.mark.parametrize("case", ["another threat's", "closed in an earlier quarter"])
@pytest.mark.parametrize("change", ["update", "close", "edit"])
def test_an_action_the_assessment_does_not_show_cannot_be_changed_through_it(
    case, change, draft, threat, other_threat, business_lead, other_business_lead
):
    action = _foreign_action(
        case,
        threat=threat,
        other_threat=other_threat,
        business_lead=business_lead,
        other_business_lead=other_business_lead,
    )
    before = ImprovementAction.objects.values().get(pk=action.pk)
    assert not ImprovementAction.objects.for_assessment(draft).filter(pk=action.pk).exists()
    with pytest.raises(PermissionDenied):
        if change == "update":
            services.action_update(
                assessment=draft, action=action, actor=business_lead, owner="Hijacked"
            )
        elif change == "close":
            services.action_close(assessment=draft, action=action, actor=business_lead)
        else:
            services.action_edit(
                assessment=draft,
                action=action,
                actor=business_lead,
                revision=action.revision,
                owner="Hijacked",
            )
    assert ImprovementAction.objects.values().get(pk=action.pk) == before


def test_one_threat_asked_gets_the_answer_many_threats_asked_give(
    threat, other_threat, quarter, spr_lead
):
    """`last_signed_off` reads one lineage straight and several through the ranked query:
    the same row either way, across a succession (a quarter with rows of both threats of a
    lineage keeps the threat asked for, the nearer), before each quarter."""
    from assessments.selectors.lineage import last_signed_off
    from threats.models import NationalThreat

    quarters = [past_quarter(2015, number) for number in (1, 2, 3, 4)]
    predecessor = other_threat
    NationalThreat.objects.filter(pk=threat.pk).update(succeeds=predecessor)
    signed_off(threat=predecessor, quarter=quarters[0], reviewer=spr_lead)
    signed_off(threat=predecessor, quarter=quarters[1], reviewer=spr_lead)
    signed_off(threat=threat, quarter=quarters[1], reviewer=spr_lead)
    signed_off(threat=predecessor, quarter=quarters[2], reviewer=spr_lead)
    answers = {}
    for before in [*quarters, quarter]:
        alone = last_signed_off([threat.pk], before=before).get(threat.pk)
        together = last_signed_off([threat.pk, predecessor.pk], before=before).get(threat.pk)
        assert alone == together, before
        answers[before.label] = (alone.threat_id, alone.quarter.label) if alone else None
    assert answers == {
        "2015/16 Q1": None,
        "2015/16 Q2": (predecessor.pk, "2015/16 Q1"),
        "2015/16 Q3": (threat.pk, "2015/16 Q2"),  # both signed off in Q2: its own
        "2015/16 Q4": (predecessor.pk, "2015/16 Q3"),
        quarter.label: (predecessor.pk, "2015/16 Q3"),
    }
