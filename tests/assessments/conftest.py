"""Fixtures shared by the assessments tests."""

import pytest

from assessments import services


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
