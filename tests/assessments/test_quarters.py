"""Quarter and QuarterQuerySet: the one place that knows the financial-year calendar (the
label, the quarter before, the one a page shows by default, the order of the dates)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from assessments.choices import EDITABLE_STATUSES, Status
from assessments.forms.review import QuarterDatesForm
from assessments.models import Assessment, Quarter
from assessments.models.quarter import (
    before,
    current_of,
    financial_year_label,
    latest_before,
)
from tests.factories import AssessmentFactory, QuarterFactory

pytestmark = pytest.mark.django_db


def test_labels_are_financial_years_and_quarters():
    assert financial_year_label(2015) == "2015/16"
    assert financial_year_label(2099) == "2099/00"
    assert Quarter(financial_year=2015, number=3).label == "2015/16 Q3"


def _closed(year, number):
    return QuarterFactory(
        financial_year=year,
        number=number,
        is_open=False,
        submission_deadline=datetime.date(year, 6, 1),
        meeting_date=datetime.date(year, 6, 20),
    )


def _current_both_ways():
    """The query and the same rule over a list read newest first (quarter.current_of) agree."""
    current = Quarter.objects.current()
    assert current_of(list(Quarter.objects.newest_first())) == current
    return current


def test_current_is_the_open_quarter_else_the_latest():
    older, newer = _closed(2014, 4), _closed(2015, 2)
    assert _current_both_ways() == newer
    Quarter.objects.filter(pk=older.pk).update(is_open=True)
    assert _current_both_ways() == older
    Quarter.objects.all().delete()
    assert _current_both_ways() is None


def test_latest_before_skips_periods_never_set_up():
    older, newer = _closed(2014, 4), _closed(2015, 2)
    every = list(Quarter.objects.newest_first())
    assert latest_before(newer, every) == older  # 2015/16 Q1 was never set up
    assert latest_before(older, every) is None
    assert latest_before(newer, every) == Quarter.objects.filter(before(newer)).first()


def test_assessments_before_a_quarter_come_latest_first():
    first, second, third = _closed(2014, 4), _closed(2015, 1), _closed(2015, 2)
    a1 = AssessmentFactory(quarter=first)
    a2 = AssessmentFactory(quarter=second, threat=a1.threat)
    AssessmentFactory(quarter=third, threat=a1.threat)
    assert list(Assessment.objects.before(third)) == [a2, a1]
    assert list(Assessment.objects.before(first)) == []


def test_the_meeting_before_the_deadline_is_refused_by_model_form_and_the_same_words():
    quarter = Quarter(
        financial_year=2016,
        number=1,
        edition=QuarterFactory().edition,
        submission_deadline=datetime.date(2016, 6, 10),
        meeting_date=datetime.date(2016, 6, 9),
    )
    with pytest.raises(ValidationError) as refused:
        quarter.full_clean()
    message = refused.value.message_dict["meeting_date"]
    form = QuarterDatesForm(
        {
            "submission_deadline_0": "10",
            "submission_deadline_1": "6",
            "submission_deadline_2": "2016",
            "meeting_date_0": "9",
            "meeting_date_1": "6",
            "meeting_date_2": "2016",
        }
    )
    assert not form.is_valid()
    assert form.errors["meeting_date"] == message
    quarter.meeting_date = quarter.submission_deadline  # on the day is allowed
    quarter.full_clean()


def test_draft_and_returned_are_the_editable_statuses():
    assert EDITABLE_STATUSES == {Status.DRAFT, Status.RETURNED}
    draft = AssessmentFactory()
    assert draft.is_editable
    for status in (Status.SUBMITTED, Status.SIGNED_OFF):
        draft.status = status
        assert not draft.is_editable
    assert list(Assessment.objects.editable()) == [Assessment.objects.get(pk=draft.pk)]
