"""gunicorn, configured as the README runs it, does not name itself in a Server header."""

import importlib
from types import SimpleNamespace

from gunicorn.http import wsgi


def test_gunicorn_sends_no_server_header():
    importlib.import_module("spr_portal.gunicorn_conf")
    response = SimpleNamespace(
        upgrade=False,
        should_close=lambda: False,
        req=SimpleNamespace(version=(1, 1)),
        status="200 OK",
        version="gunicorn",
        chunked=False,
    )
    lines = wsgi.Response.default_headers(response)
    assert lines[0].startswith("HTTP/1.1 200")
    assert not [line for line in lines if line.lower().startswith("server:")]
    assert any(line.startswith("Date:") for line in lines)
