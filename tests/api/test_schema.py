"""Schemathesis against the read API's own OpenAPI schema, in process through Django's WSGI
handler: for every operation, generated requests (valid and invalid parameters) with a valid
token must never give a 500, and every response must match the schema (status code, content
type, body)."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis import checks as st_checks

from api.endpoints import api
from tests.api.conftest import bearer

pytestmark = pytest.mark.django_db

CHECKS = [
    st_checks.not_a_server_error,
    st_checks.status_code_conformance,
    st_checks.content_type_conformance,
    st_checks.response_schema_conformance,
]


def _operations():
    schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/v1/"))
    return [result.ok() for result in schema.get_all_operations()]


def test_every_operation_conforms_to_the_schema(settings_, spr_lead, published, token_of):
    app = get_wsgi_application()
    headers = {"Authorization": bearer(token_of(spr_lead))["HTTP_AUTHORIZATION"]}
    operations = _operations()
    assert len(operations) == 8
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=30,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            case.call_and_validate(app=app, headers=headers, checks=CHECKS)

        check()


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """Django's WSGI handler closes the database connection when a request ends; the test's
    transaction lives on that connection (on PostgreSQL it would be gone), so the signal is
    held back during the run, as Django's own test client does."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def settings_(settings):
    """A generous rate limit: the run makes a few hundred requests with one token."""
    settings.SPR_API_RATE = "100000/m"
    settings.ALLOWED_HOSTS = ["*"]
    return settings
