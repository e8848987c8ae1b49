"""What a workflow step locks, seen from a second connection while it holds them (PostgreSQL:
SQLite takes no row locks). The self-assessment for update; its threat, quarter and owning
department shared, so a change to any of them waits for the step, and steps on the quarter's
other self-assessments do not (assessments/services/assessments.py `lock`, and `lock_to_save`,
a section's save's read, which holds the same in one statement)."""

import threading

import pytest
from django.db import OperationalError, connection, transaction

from assessments import services
from assessments.services.assessments import lock, lock_to_save
from tests.databases import postgresql_only
from threats.models import Department, NationalThreat

pytestmark = [postgresql_only, pytest.mark.django_db(transaction=True)]

SECTION = {"capability_grade": 3, "capability_narrative": "Enough trained staff on each shift."}


def in_another_connection(work, *, wait="2s"):
    """Run `work` in a thread of its own (so on a connection of its own), waiting at most
    `wait` for any lock; what it returned, or the error it raised."""
    outcome = {}

    def run():
        try:
            with connection.cursor() as cursor:
                cursor.execute(f"SET lock_timeout = '{wait}'")
            outcome["value"] = work()
        except Exception as error:  # noqa: BLE001 - the test reads it
            outcome["error"] = error
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=30)
    return outcome


@pytest.fixture(params=["lock", "lock_to_save"])
def hold(request, business_lead):
    """A step's read under its lock: every step's, or a section's save's."""
    if request.param == "lock":
        return lock
    return lambda assessment: lock_to_save(assessment.pk, business_lead)


@pytest.fixture
def two_drafts(threat, other_threat, quarter, business_lead, other_business_lead):
    first = services.assessment_start(threat=threat, quarter=quarter, actor=business_lead)
    second = services.assessment_start(
        threat=other_threat, quarter=quarter, actor=other_business_lead
    )
    return first, second


def test_a_save_of_another_self_assessment_of_the_quarter_does_not_wait(
    two_drafts, hold, other_business_lead
):
    first, second = two_drafts
    with transaction.atomic():
        hold(first)  # a step on the first draft, not yet committed
        outcome = in_another_connection(
            lambda: services.assessment_save_draft(
                assessment=second.pk, actor=other_business_lead, data=SECTION, revision=1
            )
        )
    assert "error" not in outcome, outcome
    second.refresh_from_db()
    assert (second.revision, second.capability_grade) == (2, 3)


def test_the_same_self_assessment_waits(two_drafts, hold, business_lead):
    first, _ = two_drafts
    with transaction.atomic():
        hold(first)
        outcome = in_another_connection(
            lambda: services.assessment_save_draft(
                assessment=first.pk, actor=business_lead, data=SECTION, revision=1
            ),
            wait="300ms",
        )
    assert isinstance(outcome.get("error"), OperationalError), outcome
    first.refresh_from_db()
    assert first.revision == 1


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(
            lambda a, spr_lead: services.quarter_close(quarter=a.quarter, actor=spr_lead),
            id="closing the quarter",
        ),
        pytest.param(
            lambda a, _: NationalThreat.objects.filter(pk=a.threat_id).update(
                owning_department=None
            ),
            id="the threat's owner",
        ),
        pytest.param(
            lambda a, _: Department.objects.filter(pk=a.threat.owning_department_id).update(
                name="Renamed"
            ),
            id="the owning department",
        ),
    ],
)
def test_a_change_to_what_the_step_decided_by_waits_for_it(two_drafts, hold, spr_lead, change):
    first, _ = two_drafts
    with transaction.atomic():
        hold(first)
        outcome = in_another_connection(lambda: change(first, spr_lead), wait="300ms")
    assert isinstance(outcome.get("error"), OperationalError), outcome
    assert "lock timeout" in str(outcome["error"])


def test_a_threat_without_an_owning_department_yet_still_holds_its_quarter(
    two_drafts, hold, spr_lead
):
    """The department is locked on its own, once the threat's row names one: with none, the
    threat and the quarter are still held."""
    first, _ = two_drafts
    NationalThreat.objects.filter(pk=first.threat_id).update(owning_department=None)
    with transaction.atomic():
        hold(first)
        outcome = in_another_connection(
            lambda: services.quarter_close(quarter=first.quarter, actor=spr_lead), wait="300ms"
        )
    assert isinstance(outcome.get("error"), OperationalError), outcome
