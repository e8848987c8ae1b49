"""A change and the rows that record it in one statement where the database can
(spr_portal/together.py): PostgreSQL one round trip, SQLite the ORM's statements, the same
rows either way."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.db.transaction import TransactionManagementError
from django.test.utils import CaptureQueriesContext

from assessments import services
from assessments.models import Assessment, WorkflowEvent
from assessments.models.records import WorkflowAction
from assessments.workflow import is_owner
from audit.models import AuditAction, AuditEvent
from spr_portal.together import update_and_insert

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(threat, quarter, business_lead):
    return services.assessment_start(threat=threat, quarter=quarter, actor=business_lead)


def _records(assessment, actor):
    event = WorkflowEvent(
        assessment=assessment,
        actor=actor,
        action=WorkflowAction.SAVED,
        from_status=assessment.status,
        to_status=assessment.status,
        sections=["capability"],
    )
    audit = AuditEvent(
        actor=actor,
        actor_name=actor.username,
        action=AuditAction.ASSESSMENT_SAVED,
        object_type="assessment",
        object_id=assessment.pk,
        summary="Capability grade: (empty) → Adequate",
        threat_id=assessment.threat_id,
        quarter_id=assessment.quarter_id,
    )
    return [event, audit]


def test_the_update_and_its_records_are_written_with_their_ids(draft, business_lead):
    before = draft.updated_at
    draft.capability_grade, draft.revision = 3, draft.revision + 1
    rows = _records(draft, business_lead)
    with CaptureQueriesContext(connection) as queries:
        update_and_insert(draft, ["capability_grade", "revision", "updated_at"], rows)
    statements = [q for q in queries if "SAVEPOINT" not in q["sql"]]
    assert len(statements) == (1 if connection.vendor == "postgresql" else 3)
    saved = Assessment.objects.get(pk=draft.pk)
    assert (saved.capability_grade, saved.revision) == (3, draft.revision)
    assert saved.updated_at > before  # auto_now, as a save sets it
    event, audit = rows
    assert WorkflowEvent.objects.get(pk=event.pk).sections == ["capability"]
    assert WorkflowEvent.objects.get(pk=event.pk).at is not None  # auto_now_add
    written = AuditEvent.objects.get(pk=audit.pk)
    assert (written.summary, written.threat_id) == (audit.summary, draft.threat_id)
    assert not event._state.adding and not audit._state.adding


def test_only_the_fields_named_are_written(draft, business_lead):
    Assessment.objects.filter(pk=draft.pk).update(summary="Written elsewhere.")
    draft.capability_grade = 4
    update_and_insert(draft, ["capability_grade"], [])
    saved = Assessment.objects.get(pk=draft.pk)
    assert (saved.capability_grade, saved.summary) == (4, "Written elsewhere.")


def test_a_row_that_is_not_there_writes_nothing(draft, business_lead):
    ghost = Assessment.objects.get(pk=draft.pk)
    ghost.pk = draft.pk + 1000
    audit_rows = AuditEvent.objects.count()
    with pytest.raises(DatabaseError), transaction.atomic():
        update_and_insert(ghost, ["capability_grade"], _records(draft, business_lead)[1:])
    assert AuditEvent.objects.count() == audit_rows


@pytest.mark.django_db(transaction=True)
def test_it_is_refused_outside_a_transaction(draft):
    with pytest.raises(TransactionManagementError):
        update_and_insert(draft, ["capability_grade"], [])


def test_the_owner_answer_read_under_the_lock_is_only_for_the_one_who_asked(
    draft, business_lead, other_business_lead
):
    from assessments.services.assessments import lock_to_save

    read = lock_to_save(draft.pk, business_lead)
    with CaptureQueriesContext(connection) as queries:
        assert is_owner(read, business_lead)
    assert len(queries) == 0  # answered by the read
    refused = lock_to_save(draft.pk, other_business_lead)
    assert refused.owner_read_under_lock == (other_business_lead.pk, False)
    assert not is_owner(refused, other_business_lead)
    # Another person's question is asked of the database, not answered from the read.
    assert is_owner(refused, business_lead)
