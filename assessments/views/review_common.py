"""What the SPR lead's views share: the posted data and the error summary's list."""

from spr_portal.forms import error_anchor


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
