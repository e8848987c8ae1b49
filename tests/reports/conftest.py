"""Fixtures of the board report tests: a quarter whose self-assessments are signed off."""

import pytest

from tests.reports.support import sign_off


@pytest.fixture
def signed_quarter(quarter, threat, other_threat, business_lead, other_business_lead, spr_lead):
    """The open quarter with both threats' self-assessments signed off."""
    sign_off(threat=threat, quarter=quarter, lead=business_lead, reviewer=spr_lead)
    sign_off(threat=other_threat, quarter=quarter, lead=other_business_lead, reviewer=spr_lead)
    return quarter
