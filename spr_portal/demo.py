"""The laptop demo (SPR_DEMO, set by `make run`) and the console log's manners.

The demo runs with DEBUG off, so visitors see the service's own error pages, yet it must not
be mistaken for production: settings refuse it beside a SECRET_KEY, a public host name or a
proxy; this middleware answers loopback clients only; and `check --deploy` fails while it is on.
"""

import ipaddress
import logging

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.http import HttpResponseForbidden


def _is_loopback(address: str) -> bool:
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


class LoopbackOnlyMiddleware:
    """In the demo, a request from any other machine is refused (HOST=0.0.0.0 included)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _is_loopback(request.META.get("REMOTE_ADDR", "")):
            return HttpResponseForbidden(
                "The SPR Portal demo answers this machine only.", content_type="text/plain"
            )
        return self.get_response(request)


@register(Tags.security, deploy=True)
def demo_is_not_production(app_configs, **kwargs):
    if getattr(settings, "DEMO", False):
        return [
            Error(
                "SPR_DEMO is on: no second factor, no TLS, a development key.",
                hint="Unset SPR_DEMO; production sets SECRET_KEY and ALLOWED_HOSTS.",
                id="spr_portal.E001",
            )
        ]
    return []


class ClientErrorsWithoutTraceback(logging.Filter):
    """Django logs a refused request (PermissionDenied) with its traceback; a 403 or 404 is an
    expected answer, so it keeps its one line ("Forbidden: /actions/") and loses the trace."""

    def filter(self, record):
        if getattr(record, "status_code", None) in {403, 404} and record.exc_info:
            record.exc_info = None
            record.exc_text = None
        return True
