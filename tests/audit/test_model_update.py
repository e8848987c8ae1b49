"""model_update: the one way a service edits a record and says, for its audit row, what
changed from what to what."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from assessments.choices import ActionStatus
from assessments.models import ImprovementAction
from audit.services import model_update
from tests.factories import ImprovementActionFactory

pytestmark = pytest.mark.django_db

FIELDS = ("description", "owner", "due_date", "status")


def test_it_saves_the_fields_and_summarises_them_as_people_read_them():
    action = ImprovementActionFactory(owner="DI Smith", due_date=datetime.date(2016, 3, 31))
    update = model_update(
        instance=action,
        fields=FIELDS,
        data={
            "owner": "DCI Jones",
            "due_date": datetime.date(2016, 6, 30),
            "description": action.description,
        },
    )
    assert update.changed == ("owner", "due_date")
    assert update.summary == "Owner: DI Smith → DCI Jones; Due date: 31 March 2016 → 30 June 2016"
    action.refresh_from_db()
    assert (action.owner, action.due_date) == ("DCI Jones", datetime.date(2016, 6, 30))


def test_a_choice_is_summarised_by_its_label_and_nothing_changed_is_empty():
    action = ImprovementActionFactory()
    data = {"status": ActionStatus.OPEN}
    unchanged = model_update(instance=action, fields=FIELDS, data=data)
    assert (unchanged.changed, unchanged.summary) == ((), "")
    assert unchanged.written == ("status", "updated_at")  # what was sent is written all the same
    update = model_update(instance=action, fields=FIELDS, data={"status": ActionStatus.IN_PROGRESS})
    assert update.summary == "Status: Open → In progress"


def test_it_writes_only_the_fields_it_was_given():
    action = ImprovementActionFactory(owner="DI Smith")
    # Someone else's change to another column, made after this copy was read.
    ImprovementAction.objects.filter(pk=action.pk).update(description="Theirs")
    model_update(instance=action, fields=FIELDS, data={"owner": "DCI Jones"})
    action.refresh_from_db()
    assert (action.owner, action.description) == ("DCI Jones", "Theirs")


def test_other_fields_and_invalid_values_are_refused_before_saving():
    action = ImprovementActionFactory(owner="DI Smith")
    with pytest.raises(ValidationError, match="Not fields of an improvement action: threat"):
        model_update(instance=action, fields=FIELDS, data={"threat": None})
    with pytest.raises(ValidationError):
        model_update(instance=action, fields=FIELDS, data={"owner": "x" * 500})
    action.refresh_from_db()
    assert action.owner == "DI Smith"
