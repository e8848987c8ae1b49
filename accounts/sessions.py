"""Session lifetimes: 30 minutes without a request, 10 hours at most after signing in.

Both are checked on the server for every request; the timeout warning in the browser
(static/js/timeout-warning.mjs) only tells the user before it happens.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse

SIGNED_IN_AT = "accounts_signed_in_at"
LAST_SEEN = "accounts_last_seen"
# Writing the session on every request would be a database write per page; a minute's
# precision is plenty for a 30-minute limit.
TOUCH_EVERY_SECONDS = 60


def expired(session, now: int) -> str | None:
    """Why this session is over, or None while it is alive."""
    signed_in_at = session.get(SIGNED_IN_AT)
    last_seen = session.get(LAST_SEEN)
    if signed_in_at is None or last_seen is None:
        return "Your session has ended. Sign in again."
    if now - signed_in_at >= settings.SESSION_ABSOLUTE_SECONDS:
        return "You have been signed in for 10 hours, the most a session lasts. Sign in again."
    if now - last_seen >= settings.SESSION_IDLE_SECONDS:
        return "You were signed out because you had not done anything for 30 minutes."
    return None


class SessionLifetimeMiddleware:
    """Ends a signed-in session that has been idle or alive too long."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            reason = expired(request.session, now)
            if reason:
                logout(request)
                messages.info(request, reason)
                return redirect(f"{reverse('login')}?next={request.path}")
            # (a thirtieth of the idle limit when that is shorter, as in the browser tests)
            touch = min(TOUCH_EVERY_SECONDS, settings.SESSION_IDLE_SECONDS // 30)
            if now - request.session[LAST_SEEN] >= touch:
                request.session[LAST_SEEN] = now
        return self.get_response(request)
