"""Fixtures shared by the assessments tests."""

import pytest

from assessments import services
from spr_portal.roles import Role
from tests.factories import DepartmentFactory, UserFactory


@pytest.fixture
def draft(threat, quarter, business_lead):
    return services.assessment_start(threat=threat, quarter=quarter, actor=business_lead)


@pytest.fixture
def clock(monkeypatch):
    """Sets the portal's clock: `clock(date)` makes `timezone.now()` (so `localdate()`, every
    "today" of the deadlines, grants and stand-ins) noon of that day in the force's time zone,
    until the test ends. Sign in again after moving it: a session keeps the time it began."""
    import datetime

    from django.utils import timezone

    def set_today(day: datetime.date) -> datetime.date:
        noon = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
        monkeypatch.setattr(timezone, "now", lambda: noon)
        return day

    return set_today


@pytest.fixture
def firearms_lead(db):
    return UserFactory(
        username="lead.firearms", first_name="Sam", last_name="Archer", roles=[Role.BUSINESS_LEAD]
    )


@pytest.fixture
def firearms(firearms_lead):
    """A cross-cutting department with its own business lead."""
    return DepartmentFactory(
        name="Firearms", short_name="Firearms", cross_cutting=True, leads=[firearms_lead]
    )


@pytest.fixture
def contributed(draft, business_lead, firearms):
    """The business lead's draft, with Firearms recorded as contributing to it."""
    return services.assessment_contributors_set(
        assessment=draft, actor=business_lead, departments=[firearms], revision=draft.revision
    )
