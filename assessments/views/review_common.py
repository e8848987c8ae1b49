"""What the SPR lead's views share: the role gate and reading a POST."""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.urls import NoReverseMatch, reverse

from spr_portal.roles import Role, roles_of


def require_roles(*roles: Role):
    """403 unless the user holds one of the roles; objects are still fetched via visible_to."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not roles_of(request.user) & set(roles):
                raise PermissionDenied("This page is not part of your role.")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def posted(request):
    """The POST data, even when empty (an empty POST must still show its errors)."""
    return request.POST if request.method == "POST" else None


def optional_url(name: str, **kwargs) -> str | None:
    """A URL of a page another part of the portal may not have built yet."""
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return None
