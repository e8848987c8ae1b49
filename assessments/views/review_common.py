"""What the SPR lead's views share: the role gate and the error summary's list."""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.urls import NoReverseMatch, reverse

from spr_portal.forms import error_anchor
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


def error_list(form, anchors: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """(anchor, message) for the GOV.UK error summary, in the form's field order."""
    anchors = anchors or {}
    errors = []
    for name in form.fields:
        for message in form.errors.get(name, []):
            errors.append((anchors.get(name) or error_anchor(form, name), message))
    for message in form.non_field_errors():
        errors.append(("", message))
    return errors


def optional_url(name: str, **kwargs) -> str | None:
    """A URL of a page another part of the portal may not have built yet."""
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return None
