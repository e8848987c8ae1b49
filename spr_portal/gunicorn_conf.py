"""gunicorn's settings for SPR Portal: `gunicorn -c python:spr_portal.gunicorn_conf
spr_portal.wsgi` (README, "Running it").

gunicorn writes "Server: gunicorn" on every response and has no setting to stop it; naming
the server and its version only helps someone choose an exploit. The header line is left out
of the headers gunicorn writes itself (the portal sets none)."""

from gunicorn.http import wsgi

_gunicorn_headers = wsgi.Response.default_headers


def _without_server(self):
    return [line for line in _gunicorn_headers(self) if not line.lower().startswith("server:")]


wsgi.Response.default_headers = _without_server
