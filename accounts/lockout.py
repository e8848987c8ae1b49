"""Lock-out after repeated failed sign-ins (django-axes), per account and per address."""

from django.conf import settings


def client_ip(request) -> str | None:
    """The address that signed in. Behind the TLS proxy gunicorn only sees the proxy, so the
    client is the last X-Forwarded-For entry, the one our own proxy appended (earlier entries
    are whatever the client sent and cannot be trusted)."""
    if settings.BEHIND_TLS_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-1]
    return request.META.get("REMOTE_ADDR")


def minutes(timedelta) -> int:
    return max(1, round(timedelta.total_seconds() / 60))


def client_username(request, credentials) -> str:
    """The username tried, cut to the longest a username can be: django-axes stores it in a
    255-character column, and a longer one (never a real account) must not fail the sign-in."""
    value = (credentials or {}).get("username")
    if value is None:
        value = request.POST.get("username", "")
    return str(value)[:150]
