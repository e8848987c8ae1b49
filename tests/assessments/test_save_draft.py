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
    names is warm, which gives the audit row's label), in a savepoint (the test's
    transaction): the read under the lock, which also holds the threat, quarter and owning
    department shared on PostgreSQL and answers the owner check; then the update with its
    workflow event and audit row, one statement on PostgreSQL (spr_portal/together.py) and
    three on SQLite. It was 40-odd once (a query for each constraint and foreign key), then
    nine on PostgreSQL. Outside a request, as here, the cache of names reads the write
    stamp's row for itself (without Redis): in a request the middleware has read it once."""
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
    writes = 1 if connection.vendor == "postgresql" else 3
    assert len(queries) == stamp + 3 + writes, "\n".join(q["sql"][:150] for q in queries)
    audit = AuditEvent.objects.order_by("-pk").first()
    assert audit.object_label == str(Assessment.objects.get(pk=draft.pk))
    assert audit.summary == "Capability grade: (empty) → Adequate"


def test_the_saves_read_gives_every_field_as_the_orm_reads_it(draft, business_lead):
    """`lock_to_save` reads with SQL of its own: each value of the self-assessment, its quarter
    and its edition is as Django's own read gives it (JSON lists, dates and times, true or
    false), on SQLite and PostgreSQL."""
    from assessments.services.assessments import lock_to_save

    services.assessment_save_draft(
        assessment=draft,
        actor=business_lead,
        data={"capability_grade": 3, "four_ps": ["prepare", "protect"]},
        revision=draft.revision,
    )
    Assessment.objects.filter(pk=draft.pk).update(carried_to_check=["capability", "summary"])
    read = lock_to_save(draft.pk, business_lead)
    orm = Assessment.objects.select_related("quarter__edition").get(pk=draft.pk)

    def values(instance):
        return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}

    assert values(read) == values(orm)
    assert values(read.quarter) == values(orm.quarter)
    assert values(read.quarter.edition) == values(orm.quarter.edition)
    assert read.carried_to_check == ["capability", "summary"]
    assert read.quarter.is_open is True and read.updated_at.tzinfo is not None
