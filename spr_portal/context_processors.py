from spr_portal.navigation import navigation_for
from spr_portal.roles import roles_of


def portal(request):
    """What the base layout needs on every page: the service name and the user's menu."""
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    return {
        "service_name": "SPR Portal",
        "user_roles": {role.name for role in roles_of(user)} if signed_in else set(),
        "navigation_items": navigation_for(request) if signed_in else [],
    }
