"""Builders shared by the assessments tests."""

import datetime

from assessments import services
from assessments.demo import opened_alone
from assessments.models import Assessment
from tests.factories import AssessmentFactory, QuarterFactory, complete_content


def past_quarter(financial_year: int, number: int):
    """A closed quarter of the 2015 edition (deadline and meeting inside the quarter)."""
    return QuarterFactory(
        financial_year=financial_year,
        number=number,
        is_open=False,
        submission_deadline=datetime.date(2015, 6, 1),
        meeting_date=datetime.date(2015, 6, 20),
    )


def signed_off(*, threat, quarter, reviewer, **content) -> Assessment:
    """A signed-off assessment with its real snapshot (the factory's signed_off trait)."""
    return AssessmentFactory(
        threat=threat, quarter=quarter, signed_off=True, reviewer=reviewer, **content
    )


def complete(assessment, actor, **changes) -> Assessment:
    return services.assessment_save_draft(
        assessment=assessment,
        actor=actor,
        data=complete_content() | changes,
        revision=assessment.revision,
    )


def submitted(assessment, actor, **changes) -> Assessment:
    return services.assessment_submit(
        assessment=complete(assessment, actor, **changes), actor=actor
    )


def submitted_in(threat, quarter, lead, **changes) -> Assessment:
    """Started, completed (with `changes`) and submitted through the services (a quarter other
    than the open one is opened alone for the lead's part, as the demo's history is: a closed
    quarter refuses saving and submitting as well as starting)."""
    with opened_alone(quarter):
        assessment = services.assessment_start(threat=threat, quarter=quarter, actor=lead)
        return submitted(assessment, lead, **changes)


def signed_off_the_quarter_before(*, threat, quarter, lead, reviewer) -> Assessment:
    """2015/16 Q3, submitted by `lead` and signed off by `reviewer` through the services: the
    last quarter a review of `quarter` compares with."""
    earlier = QuarterFactory(
        financial_year=2015,
        number=3,
        edition=quarter.edition,
        submission_deadline=datetime.date(2015, 12, 11),
        meeting_date=datetime.date(2016, 1, 14),
    )
    return services.assessment_sign_off(
        assessment=submitted_in(threat, earlier, lead), actor=reviewer
    )


def add_action(assessment, lead, description: str = "Train the teams."):
    """An improvement action raised in `assessment`, through the service."""
    return services.action_add(
        assessment=assessment,
        actor=lead,
        description=description,
        owner="DCI",
        due_date=datetime.date(2016, 6, 30),
    )


# A contributing department's text (tests/assessments/conftest.py `contributed`).
TEXT = "Firearms ran two joint exercises with the unit this quarter; ARV cover held at 24/7."


def contribute(assessment, lead, department, text=TEXT, *, section="capability", revision=0):
    return services.contribution_save(
        assessment=assessment,
        actor=lead,
        department=department,
        section=section,
        text=text,
        revision=revision,
    )


def submitted_now(assessment, lead) -> Assessment:
    """Completed and submitted by `lead`, as the row now stands."""
    assessment.refresh_from_db()
    return submitted(assessment, lead)
