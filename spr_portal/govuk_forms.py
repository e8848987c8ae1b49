"""Filters of the GOV.UK form includes (templates/includes/radios.html and the business lead's
checkboxes and character count)."""

from django import template

from spr_portal.form_errors import error_summary

register = template.Library()


@register.filter
def govuk_options(bound_field) -> list[dict]:
    """The radios or checkboxes of a choice field. The first option's id is the field's own
    id (GOV.UK convention), so an error summary link lands on it; the others add -2, -3…
    A field's `hints` (choice value -> text) become each option's hint."""
    value = bound_field.value()
    if isinstance(value, list | tuple):
        selected = {str(v) for v in value}
    else:
        # "" is a value too: the "None" option of a choice that may be left empty.
        selected = set() if value is None else {str(value)}
    hints = getattr(bound_field.field, "hints", {})
    base = bound_field.auto_id
    options = []
    for index, (choice, label) in enumerate(bound_field.field.choices, start=1):
        option_id = base if index == 1 else f"{base}-{index}"
        options.append(
            {
                "id": option_id,
                "value": choice,
                "label": label,
                "hint": hints.get(str(choice), ""),
                "hint_id": f"{option_id}-item-hint",
                "checked": str(choice) in selected,
            }
        )
    return options


@register.filter
def text_value(bound_field) -> str:
    """A text field's current value, as typed (bound) or as saved (unbound)."""
    value = bound_field.value()
    return "" if value is None else str(value)


@register.filter
def thousands(number) -> str:
    """2000 as "2,000", as GOV.UK's character count writes it."""
    return f"{int(number):,}"


@register.filter
def field_of(form, name: str):
    """form[name], for fields whose names are built from a graded item's code."""
    return form[name]


@register.filter
def error_summary_of(form, non_field_href: str = "") -> list[dict]:
    """The error summary of a form whose view is not ours (sign-in): the same builder."""
    return error_summary(form, non_field_href=non_field_href)
