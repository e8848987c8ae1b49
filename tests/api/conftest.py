"""Fixtures of the read API tests: signed-off grades in two threats, a published report, and
a token per role.

The signed quarter and its paper are built once for each test module (publishing renders a
PDF and a Word file, the dearest thing a test does) and read again by each test, which runs in
a savepoint of its own on top of them (tests/reports/kept.py). The API only reads, and what a
test adds (a token, a draft, an older quarter) is rolled back when it ends."""

import pytest
from django.core.cache import cache

from api.models import Scope
from api.services import token_create
from reports.models import BoardReport
from tests.reports.kept import read_again


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    """The rate limit counts in the cache: each test starts with a full allowance."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="module")
def published_for_module(django_db_setup, django_db_blocker, tmp_path_factory):
    from tests.reports.kept import signed_quarter_published

    with signed_quarter_published(django_db_blocker, tmp_path_factory.mktemp("media")) as kept:
        yield kept


@pytest.fixture
def signed_quarter(published_for_module):
    """The open quarter with both threats' self-assessments signed off (and its paper
    published)."""
    return read_again(published_for_module[0].quarter)


@pytest.fixture
def published(published_for_module):
    return BoardReport.objects.get(pk=published_for_module[1])


@pytest.fixture
def threat(published_for_module):
    return read_again(published_for_module[0].threat)


@pytest.fixture
def other_threat(published_for_module):
    return read_again(published_for_module[0].other_threat)


@pytest.fixture
def token_of():
    def make(user, scopes=(Scope.GRADES, Scope.REPORTS), days=30):
        return token_create(name="BI tool", scopes=list(scopes), expires_in_days=days, actor=user)[
            1
        ]

    return make


def bearer(raw: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
