"""Saving a section as a draft: what assessment_save_draft checks in Python, where it does not
ask the database to validate the model's constraints again (issue 15: the save page issued a
query for each of them)."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessments import services
from assessments.forms.lead import SectionForm
from assessments.items import GRADED_ITEMS
from assessments.models import Assessment, WorkflowEvent
from assessments.views.lead import get_lead_assessment
from audit.models import AuditEvent
from tests.cold_cache import stamp_read_outside_a_request

pytestmark = pytest.mark.django_db


def test_the_constraints_a_draft_save_does_not_validate_again_are_the_ones_it_keeps():
    """assessment_save_draft explains, constraint by constraint, why a save cannot break them.
    A new constraint fails here until it is added to that explanation (or validated)."""
    assert {c.name for c in Assessment._meta.constraints} == {
        "one_assessment_per_threat_per_quarter",
        "assessment_status_valid",
        "signed_off_records_who_when_what",
        *(f"{item.code}_grade_in_range" for item in GRADED_ITEMS),
    }


@pytest.mark.parametrize("grade", [0, 6, 9])
@pytest.mark.parametrize("item", GRADED_ITEMS, ids=lambda item: item.code)
def test_a_grade_outside_the_five_is_refused_by_the_service(draft, business_lead, item, grade):
    """The rule of the *_grade_in_range constraints, checked in Python (the grade field's
    choices) before anything is written."""
    with pytest.raises(ValidationError) as refused:
        services.assessment_save_draft(
            assessment=draft,
            actor=business_lead,
            data={item.grade_field: grade},
            revision=draft.revision,
        )
    assert item.grade_field in refused.value.message_dict
    saved = Assessment.objects.get(pk=draft.pk)
    assert (saved.grade_of(item), saved.revision) == (None, draft.revision)
    assert not WorkflowEvent.objects.filter(assessment=draft, action="saved").exists()


@pytest.mark.parametrize("grade", ["0", "6"])
def test_the_section_form_refuses_a_grade_outside_the_five(draft, grade):
    form = SectionForm(
        {"capability_grade": grade, "capability_narrative": "", "revision": str(draft.revision)},
        assessment=draft,
        section="capability",
    )
    assert not form.is_valid()
    assert form.errors["capability_grade"] == ["Choose one of the five grades for Capability"]


def test_a_choice_outside_its_list_is_still_refused_by_the_service(draft, business_lead):
    """Only the fields being saved are validated, but those still are."""
    with pytest.raises(ValidationError) as refused:
        services.assessment_save_draft(
            assessment=draft,
            actor=business_lead,
            data={"capability_framework": "made_up"},
            revision=draft.revision,
        )
    assert "capability_framework" in refused.value.message_dict


def test_a_save_writes_its_own_section_and_leaves_the_others_as_saved(draft, business_lead):
    # Another section's text written without going through the services: a save of this
    # section writes only its own fields, so it stays.
    Assessment.objects.filter(pk=draft.pk).update(summary="Written elsewhere.")
    before = Assessment.objects.get(pk=draft.pk)
    saved = services.assessment_save_draft(
        assessment=draft,
        actor=business_lead,
        data={"capability_grade": 4, "capability_narrative": "The force has the capability."},
        revision=draft.revision,
    )
    after = Assessment.objects.get(pk=draft.pk)
    assert (after.capability_grade, after.capability_narrative) == (
        4,
        "The force has the capability.",
    )
    assert after.summary == "Written elsewhere."
    assert after.revision == saved.revision == before.revision + 1
    assert after.updated_at > before.updated_at


def test_a_save_takes_a_fixed_handful_of_queries(draft, business_lead):
    """Opened as the section page opens it (its heading names the threat, so the cache of
    names is warm, which gives the audit row's label): on PostgreSQL the shared locks of the
    threat and quarter, then of the owning department (its own query: a threat may have no
    department yet, and PostgreSQL locks no nullable side of an outer join; SQLite takes no
    row locks), the locked read, the owner check (a named lead: one query), the update, the
    workflow event and the audit row, in a savepoint (the test's transaction). It was 40-odd: a
    query for each of the model's constraints and foreign keys. Outside a request, as here, the
    cache of names reads the write stamp's row for itself (without Redis): in a request the
    middleware has read it once, before."""
    opened = get_lead_assessment(business_lead, draft.pk, Assessment.objects.with_quarter())
    assert opened.threat_name
    stamp = stamp_read_outside_a_request()
    with CaptureQueriesContext(connection) as queries:
        services.assessment_save_draft(
            assessment=opened,
            actor=business_lead,
            data={"capability_grade": 3},
            revision=opened.revision,
        )
    shared_locks = 2 if connection.vendor == "postgresql" else 0
    assert len(queries) == stamp + 7 + shared_locks, "\n".join(q["sql"][:150] for q in queries)
    audit = AuditEvent.objects.order_by("-pk").first()
    assert audit.object_label == str(Assessment.objects.get(pk=draft.pk))
    assert audit.summary == "Capability grade: (empty) → Adequate"
