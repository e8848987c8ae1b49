"""Running as many instances: liveness and readiness (database, cache, both storages), the
request id a proxy passes through (and one made when it passes none or a bad one), the
instance's name on each response, and log lines as JSON carrying the request id."""

import json
import logging

import pytest
from django.core.cache import cache
from django.urls import reverse

from spr_portal.operations import JsonFormatter, RequestIdFilter

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def folders(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_readiness_checks_the_database_the_cache_and_both_storages(client):
    response = client.get(reverse("readyz"))
    assert response.status_code == 200
    assert response.json() == {
        "ready": True,
        "checks": {
            "database": "ok",
            "cache": "ok",
            "evidence storage": "ok",
            "papers storage": "ok",
        },
    }
    assert response["Cache-Control"] == "no-store"


def test_readiness_fails_naming_the_cache_when_it_does_not_answer(client, monkeypatch):
    def down(*args, **kwargs):
        raise ConnectionError("redis is down at 10.0.0.5")

    monkeypatch.setattr(cache, "set", down)
    response = client.get(reverse("readyz"))
    assert response.status_code == 503
    body = response.json()
    assert body["ready"] is False
    assert body["checks"]["cache"] == "failed: ConnectionError"
    assert body["checks"]["database"] == "ok"
    assert "10.0.0.5" not in response.content.decode()  # the kind of error, not its detail


def test_readiness_fails_when_a_storage_cannot_be_reached(client, monkeypatch):
    from django.core.files.storage import storages

    def unreachable(name):
        raise PermissionError("the folder cannot be read")

    monkeypatch.setattr(storages["papers"], "exists", unreachable)
    response = client.get(reverse("readyz"))
    assert response.status_code == 503
    assert response.json()["checks"]["papers storage"] == "failed: PermissionError"


def test_liveness_answers_without_signing_in(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.content == b"ok"


def test_the_proxys_request_id_comes_back_and_the_instance_is_named(client, settings):
    settings.SPR_INSTANCE = "portal-b"
    response = client.get(reverse("healthz"), HTTP_X_REQUEST_ID="0f1e2d3c4b5a69788796a5b4c3d2e1f0")
    assert response["X-Request-ID"] == "0f1e2d3c4b5a69788796a5b4c3d2e1f0"
    assert response["X-Served-By"] == "portal-b"


@pytest.mark.parametrize("given", ["", "short", "two words here", "x" * 200, "<script>"])
def test_a_missing_or_odd_request_id_is_replaced_by_a_new_one(client, given):
    response = client.get(reverse("healthz"), HTTP_X_REQUEST_ID=given)
    made = response["X-Request-ID"]
    assert made != given
    assert len(made) == 32 and int(made, 16) >= 0


def test_without_an_instance_name_no_header_says_one(client, settings):
    settings.SPR_INSTANCE = ""
    assert "X-Served-By" not in client.get(reverse("healthz"))


def test_a_log_line_inside_a_request_is_json_with_its_request_id(client, settings):
    settings.SPR_INSTANCE = "portal-a"
    lines = []

    class Capture(logging.Handler):
        def emit(self, record):
            lines.append(self.format(record))

    handler = Capture()
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("spr_portal.operations")
    logger.addHandler(handler)
    try:
        from django.core.files.storage import storages

        original = storages["evidence"].exists
        storages["evidence"].exists = lambda name: (_ for _ in ()).throw(OSError("gone"))
        try:
            client.get(reverse("readyz"), HTTP_X_REQUEST_ID="req-1234567890")
        finally:
            storages["evidence"].exists = original
    finally:
        logger.removeHandler(handler)
    entry = json.loads(lines[0])
    assert entry["request_id"] == "req-1234567890"
    assert entry["instance"] == "portal-a"
    assert entry["level"] == "WARNING"
    assert "evidence storage failed" in entry["message"]


def test_a_log_line_outside_a_request_has_an_empty_request_id():
    record = logging.LogRecord("x", logging.ERROR, __file__, 1, "boom %s", ("now",), None)
    RequestIdFilter().filter(record)
    entry = json.loads(JsonFormatter().format(record))
    assert entry["message"] == "boom now"
    assert entry["request_id"] == ""
