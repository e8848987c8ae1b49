"""Fixtures shared by the assessments tests."""

import pytest

from assessments import services


@pytest.fixture
def draft(threat, quarter, business_lead):
    return services.assessment_start(threat=threat, quarter=quarter, actor=business_lead)
