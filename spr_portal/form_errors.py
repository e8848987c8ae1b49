"""The one path from errors to the GOV.UK error summary (templates/includes/error_summary.html),
the one way a service's refusal reaches a form, and the one way a posted form goes through
its service (`form_saved`)."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError

from spr_portal.concurrency import ConcurrentEdit
from spr_portal.forms import error_anchor


def error_summary(
    form=None,
    *,
    items=(),
    anchors: dict[str, str] | None = None,
    non_field_href: str = "",
    labelled: bool = False,
) -> list[dict]:
    """The error summary's entries ({text, href}): `items` first, given as (text, href) — for
    errors that are not on this page's form, like a refusal or fields on other pages —, then
    each of the form's errors in field order, then its non-field errors.

    A field links to its own anchor (a date to its first box in error), unless `anchors` maps
    its name to another href ("" for none); a non-field error links to `non_field_href`, or
    nowhere when that is empty (the template then writes it as plain text). `labelled` starts
    each field's message with its label, for Django's own messages, which name no field."""
    entries = [{"text": text, "href": href} for text, href in items]
    if form is None:
        return entries
    anchors = anchors or {}
    for name in form.fields:
        href = anchors[name] if name in anchors else f"#{error_anchor(form, name)}"
        label = f"{form[name].label}: " if labelled else ""
        entries.extend(
            {"text": f"{label}{message}", "href": href} for message in form.errors.get(name, [])
        )
    entries.extend({"text": message, "href": non_field_href} for message in form.non_field_errors())
    return entries


def add_service_errors(form, error: ValidationError, rename: dict[str, str] | None = None) -> None:
    """Put a service's refusal on the form: each message on its field when the form has it
    (`rename` maps a model field to the form field that edits it), the rest as non-field
    errors."""
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            name = (rename or {}).get(name, name)
            form.add_error(name if name in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


# What a form says when its revision is stale (spr_portal/concurrency.py `ConcurrentEdit`).
CHANGED = "Someone changed this after you opened it: nothing was saved. Check it and try again."


_REFUSED = object()


def _applied(form, act):
    """What `act()` returned, or _REFUSED with its refusal on the form."""
    try:
        return act()
    except ConcurrentEdit:
        form.add_error(None, CHANGED)
    except ValidationError as error:
        add_service_errors(form, error)
    return _REFUSED


def service_applied(form, act) -> bool:
    """Run `act()`, a service call for a form that is valid, and say whether it went through.
    Its refusals land on the form for the error summary: a ValidationError on the fields it
    names (`add_service_errors`), a stale revision as the form's own error (`CHANGED`)."""
    return _applied(form, act) is not _REFUSED


@dataclass(frozen=True)
class Saved:
    """A form the service took, with what the service returned (`form_saved`)."""

    result: object


def form_saved(request, form, act, *, done) -> Saved | None:
    """A posted form through its service: when the request is a POST and the form valid,
    `act(form.cleaned_data)`. Taken, `done` is said on the next page (words, or a function of
    what the service returned, to make them) and `Saved` is returned; refused, None, with the
    refusal on the form for the error summary (`service_applied`). None also for a GET or a
    form with errors: the view shows the form again."""
    if request.method != "POST" or not form.is_valid():
        return None
    result = _applied(form, lambda: act(form.cleaned_data))
    if result is _REFUSED:
        return None
    messages.success(request, done(result) if callable(done) else done)
    return Saved(result)
