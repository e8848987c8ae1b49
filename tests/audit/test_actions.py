"""The audit action column takes any text, so the service is what keeps it to AuditAction."""

import pytest

from audit.models import AuditAction, AuditEvent
from audit.services import audit_record

pytestmark = pytest.mark.django_db


def test_an_unknown_action_is_refused_with_its_name_and_no_row_is_written(spr_lead):
    with pytest.raises(ValueError, match="Unknown audit action 'assessment.renamed'"):
        audit_record(actor=spr_lead, action="assessment.renamed")
    assert not AuditEvent.objects.exists()


def test_a_known_action_is_written_and_read_in_words(spr_lead):
    row = audit_record(actor=spr_lead, action=AuditAction.QUARTER_OPENED)
    assert row.get_action_display() == "Quarter opened"
    # A stored value that is no longer an action still reads as it was stored.
    row.action = "quarter.archived"
    assert row.get_action_display() == "quarter.archived"
