"""Running many app servers: which request a log line belongs to, which instance answered,
and whether an instance is alive and ready for traffic. (The background tasks that failed are
listed for administrators by accounts/views_tasks.py.)

- `RequestIdMiddleware`: the proxy's `X-Request-ID` (nginx: `proxy_set_header X-Request-ID
  $request_id`), or a new one when there is none or it is not a plain token, kept for the
  request's log lines and sent back on the response with `X-Served-By` (settings.SPR_INSTANCE).
- `JsonFormatter` (LOG_FORMAT=json): one JSON object a line.
- `live` (/healthz: the process answers and reaches its database) and `ready` (/readyz: the
  database, the cache and both file storages answer; a load balancer sends traffic only to a
  ready instance).
"""

import contextvars
import datetime
import json
import logging
import re
import uuid

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.core.files.storage import storages
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.http import require_GET

from spr_portal import object_storage

logger = logging.getLogger(__name__)
_request_id = contextvars.ContextVar("request_id", default="")
# What a proxy may pass: nginx's $request_id is 32 hex digits; a UUID or a similar token too.
_TOKEN = re.compile(r"^[A-Za-z0-9._-]{8,128}$")


def current_request_id() -> str:
    return _request_id.get()


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.META.get("HTTP_X_REQUEST_ID", "")
        request_id = given if _TOKEN.match(given) else uuid.uuid4().hex
        request.request_id = request_id
        token = _request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            _request_id.reset(token)
        response["X-Request-ID"] = request_id
        if settings.SPR_INSTANCE:
            response["X-Served-By"] = settings.SPR_INSTANCE
        return response


class RequestIdFilter(logging.Filter):
    """Every log record carries the request id (empty outside a request) and the instance."""

    def filter(self, record):
        record.request_id = _request_id.get()
        record.instance = settings.SPR_INSTANCE
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", ""),
            "instance": getattr(record, "instance", ""),
        }
        status = getattr(record, "status_code", None)
        if status is not None:
            entry["status"] = status
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def _checks() -> dict[str, str]:
    """Each dependency an instance needs to serve a page: "ok" or what went wrong."""
    results = {}

    def probe(name, check):
        try:
            check()
        except Exception as error:  # noqa: BLE001 - any failure means "not ready", said why
            logger.warning("Readiness: %s failed: %s", name, error)
            results[name] = f"failed: {type(error).__name__}"
        else:
            results[name] = "ok"

    def database():
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")

    def cache_round_trip():
        key = f"readyz:{uuid.uuid4().hex}"
        cache.set(key, "1", 10)
        if cache.get(key) != "1":
            raise RuntimeError("the cache did not return what was set")
        cache.delete(key)

    probe("database", database)
    probe("cache", cache_round_trip)
    probe("evidence storage", lambda: object_storage.check(storages["evidence"]))
    probe("papers storage", lambda: object_storage.check(storages["papers"]))
    return results


@login_not_required
@require_GET
def ready(request):
    """200 when every dependency answers, else 503 naming the one that does not (no detail
    beyond the kind of error: the page is open to the load balancer)."""
    results = _checks()
    ok = all(result == "ok" for result in results.values())
    response = JsonResponse({"ready": ok, "checks": results}, status=200 if ok else 503)
    response["Cache-Control"] = "no-store"
    return response


@login_not_required
@require_GET
def live(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")
