import datetime

import pytest
from django.db import IntegrityError, transaction

from assessments.choices import Status
from assessments.models import Assessment, Quarter
from tests.factories import (
    AssessmentFactory,
    ImprovementActionFactory,
    QuarterFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_a_second_assessment_of_a_threat_in_a_quarter_is_refused_by_the_database():
    first = AssessmentFactory()
    with pytest.raises(IntegrityError):
        AssessmentFactory(threat=first.threat, quarter=first.quarter)


def test_a_grade_outside_the_five_peel_grades_is_refused_by_the_database():
    assessment = AssessmentFactory()
    with pytest.raises(IntegrityError):
        Assessment.objects.filter(pk=assessment.pk).update(capability_grade=6)


def test_a_signed_off_status_without_who_when_and_what_is_refused_by_the_database():
    assessment = AssessmentFactory()
    with pytest.raises(IntegrityError):
        Assessment.objects.filter(pk=assessment.pk).update(status=Status.SIGNED_OFF)


def test_an_unknown_status_is_refused_by_the_database():
    assessment = AssessmentFactory()
    with pytest.raises(IntegrityError):
        Assessment.objects.filter(pk=assessment.pk).update(status="approved")


def test_quarters_are_unique_and_numbered_one_to_four():
    QuarterFactory(financial_year=2015, number=3)
    with transaction.atomic(), pytest.raises(IntegrityError):
        Quarter.objects.create(
            financial_year=2015,
            number=3,
            edition_id=Quarter.objects.get().edition_id,
            submission_deadline=datetime.date(2015, 12, 1),
            meeting_date=datetime.date(2016, 1, 1),
        )
    with pytest.raises(IntegrityError):
        QuarterFactory(financial_year=2016, number=5)


def test_a_meeting_before_the_submission_deadline_is_refused_by_the_database():
    with pytest.raises(IntegrityError):
        QuarterFactory(
            financial_year=2016,
            number=1,
            submission_deadline=datetime.date(2016, 6, 10),
            meeting_date=datetime.date(2016, 6, 1),
        )


@pytest.mark.parametrize(
    ("year", "number", "label", "start", "end"),
    [
        (2015, 1, "2015/16 Q1", datetime.date(2015, 4, 1), datetime.date(2015, 6, 30)),
        (2015, 3, "2015/16 Q3", datetime.date(2015, 10, 1), datetime.date(2015, 12, 31)),
        (2015, 4, "2015/16 Q4", datetime.date(2016, 1, 1), datetime.date(2016, 3, 31)),
        (2099, 4, "2099/00 Q4", datetime.date(2100, 1, 1), datetime.date(2100, 3, 31)),
    ],
)
def test_quarters_follow_the_police_financial_year(year, number, label, start, end):
    quarter = Quarter(financial_year=year, number=number)
    assert (quarter.label, quarter.start_date, quarter.end_date) == (label, start, end)
    assert Quarter.for_date(start) == (year, number)
    assert Quarter.for_date(end) == (year, number)


def test_a_closed_action_must_have_its_closing_date():
    action = ImprovementActionFactory()
    with pytest.raises(IntegrityError):
        type(action).objects.filter(pk=action.pk).update(status="closed")


def test_workflow_events_outlive_nothing_they_record():
    """Audit rows protect what they point at: an assessment with history cannot be deleted."""
    from django.db.models import ProtectedError

    from assessments.models import WorkflowEvent

    assessment = AssessmentFactory()
    WorkflowEvent.objects.create(
        assessment=assessment, actor=UserFactory(), action="started", to_status="draft"
    )
    with pytest.raises(ProtectedError):
        assessment.delete()
