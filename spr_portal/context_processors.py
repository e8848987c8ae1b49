from django.utils.functional import SimpleLazyObject

from spr_portal.access import allowed
from spr_portal.navigation import navigation_for


def portal(request):
    """What the base layout needs on every page: the service name, the user's menu, and what
    the user may do (`may`, from spr_portal.access) for pages that offer a link only to some.
    Both are worked out only when a template reads them (a download or a page without the
    layout reads neither); `may` answers each capability when it is first asked."""
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    if not signed_in:
        return {"service_name": "SPR Portal", "may": {}, "navigation_items": []}
    return {
        "service_name": "SPR Portal",
        "may": allowed(user),
        "navigation_items": SimpleLazyObject(lambda: navigation_for(request)),
    }
