"""Bearer-token authentication with scopes, and the per-token rate limit."""

from django.conf import settings
from django.utils import timezone
from ninja.security import HttpBearer
from ninja.throttling import AuthRateThrottle

from api.models import ApiToken
from api.services import token_hash
from spr_portal.access import Can, may


class TokenAuth(HttpBearer):
    """A usable token with this scope, of an active user who may still use the API (a user
    who lost their role loses the API with it). Anything else is a 401."""

    def __init__(self, scope: str):
        super().__init__()
        self.scope = scope

    def authenticate(self, request, token):
        if not token or len(token) > 100:
            return None
        found = (
            ApiToken.objects.usable()
            .select_related("user")
            .filter(key_hash=token_hash(token))
            .first()
        )
        if found is None or self.scope not in found.scopes:
            return None
        if not found.user.is_active or not may(found.user, Can.USE_API):
            return None
        now = timezone.now()
        # One write a minute at most, not one per request.
        if found.last_used_at is None or (now - found.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.user = found.user
        return found


class TokenRateThrottle(AuthRateThrottle):
    """Requests per token (per address before authentication), at the rate of the setting
    SPR_API_RATE, read on each request so that it can be changed without a code change."""

    scope = "spr-api"

    def __init__(self):
        super().__init__(rate=settings.SPR_API_RATE)

    def allow_request(self, request):
        self.rate = settings.SPR_API_RATE
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)
