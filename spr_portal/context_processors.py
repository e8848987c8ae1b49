from spr_portal.access import allowed
from spr_portal.navigation import navigation_for


def portal(request):
    """What the base layout needs on every page: the service name, the user's menu, and what
    the user may do (`may`, from spr_portal.access) for pages that offer a link only to some."""
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    return {
        "service_name": "SPR Portal",
        "may": allowed(user) if signed_in else {},
        "navigation_items": navigation_for(request) if signed_in else [],
    }
