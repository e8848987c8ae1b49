"""Schemathesis against the read API's own OpenAPI schema, in process through Django's WSGI
handler: for every operation, generated requests (valid and invalid parameters) with a valid
token must never give a 500, and every response must match the schema (status code, content
type, body)."""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
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


@pytest.fixture
def settings_(settings):
    """A generous rate limit: the run makes a few hundred requests with one token."""
    settings.SPR_API_RATE = "100000/m"
    settings.ALLOWED_HOSTS = ["*"]
    return settings
