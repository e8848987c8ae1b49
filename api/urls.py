"""/api/v1/: the read API. Its views authenticate by token, not by the session, so the
site-wide sign-in redirect does not apply to them (a missing token is a 401)."""

from django.contrib.auth.decorators import login_not_required

from api.endpoints import api

_patterns, _app_name, _namespace = api.urls
for _pattern in _patterns:
    _pattern.callback = login_not_required(_pattern.callback)

# For `path("api/v1/", …)`: (patterns, application namespace, instance namespace).
urls = (_patterns, _app_name, _namespace)
