from django.conf import settings


def session_timing(request):
    """The idle limit and the warning time, for the timeout warning's data attributes."""
    return {
        "session_idle_seconds": settings.SESSION_IDLE_SECONDS,
        "session_warning_seconds": settings.SESSION_WARNING_SECONDS,
        "sso_enabled": settings.OIDC_ENABLED,
        "sso_provider_name": settings.OIDC_PROVIDER_NAME,
    }
