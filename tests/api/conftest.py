"""Fixtures of the read API tests: signed-off grades in two threats, a published report, and
a token per role."""

import pytest
from django.core.cache import cache

from api.models import Scope
from api.services import token_create
from tests.reports.support import new_report, publish, sign_off


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    """The rate limit counts in the cache: each test starts with a full allowance."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def signed_quarter(quarter, threat, other_threat, business_lead, other_business_lead, spr_lead):
    """The open quarter with both threats' self-assessments signed off."""
    sign_off(threat=threat, quarter=quarter, lead=business_lead, reviewer=spr_lead)
    sign_off(threat=other_threat, quarter=quarter, lead=other_business_lead, reviewer=spr_lead)
    return quarter


@pytest.fixture
def published(signed_quarter, spr_lead):
    return publish(report=new_report(signed_quarter, spr_lead), actor=spr_lead)


@pytest.fixture
def token_of():
    def make(user, scopes=(Scope.GRADES, Scope.REPORTS), days=30):
        return token_create(name="BI tool", scopes=list(scopes), expires_in_days=days, actor=user)[
            1
        ]

    return make


def bearer(raw: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
