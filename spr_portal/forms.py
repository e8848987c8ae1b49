"""Form fields shared by every app, each with its GOV.UK error messages in one place: free
text (`LineField`, `TextField`), a choice of one row by its key (`KeyChoiceField`), the
revision a page was opened at (`RevisionField`) and the GOV.UK date input (`GovukDateField`,
rendered by `templates/includes/date_input.html`)."""

import datetime

from django import forms

from spr_portal.wording import too_long

PARTS = ("day", "month", "year")
WIDTHS = (2, 2, 4)  # govuk-input--width-N of each box


class DateBoundField(forms.BoundField):
    @property
    def boxes(self) -> list[dict]:
        """Each box's id, name, label, width, value and whether it is in error, for the
        template."""
        in_error = self.boxes_in_error
        return [
            {
                "id": f"{self.auto_id}_{i}",
                "name": f"{self.html_name}_{i}",
                "label": part.capitalize(),
                "width": width,
                "value": value,
                "error": i in in_error,
            }
            for i, (part, width, value) in enumerate(zip(PARTS, WIDTHS, self.value(), strict=True))
        ]

    @property
    def boxes_in_error(self) -> list[int]:
        """The boxes to mark: only the empty ones when the date lacks a part (as GOV.UK's date
        input pattern asks), every box for any other error."""
        if not self.form.is_bound or not self.errors:
            return []
        codes = {error.code for error in self.form.errors.as_data().get(self.name, [])}
        if codes == {"incomplete"}:
            return [i for i, value in enumerate(self.value()) if not (value or "").strip()]
        return list(range(len(PARTS)))


class GovukDateField(forms.MultiValueField):
    """The GOV.UK date input: day, month and year boxes, one error message for the date.

    Posted as `<name>_0`, `<name>_1`, `<name>_2`; the messages speak of the date by its label
    ("Enter the due date"). `error_messages` overrides a message; `min_year` refuses years
    before it as not a real date."""

    def __init__(self, *, label: str, error_messages=None, min_year: int = 1000, **kwargs):
        subject = label.lower()
        messages = {
            "required": f"Enter the {subject}",
            # {missing} names the empty boxes: "a month", "a day and year".
            "incomplete": f"The {subject} must include {{missing}}",
            "invalid": f"The {subject} must be a real date",
            **(error_messages or {}),
        }
        self.min_year = min_year
        super().__init__(
            fields=tuple(forms.CharField(required=False) for _ in PARTS),
            require_all_fields=False,
            widget=forms.MultiWidget(widgets=[forms.TextInput() for _ in PARTS]),
            label=label,
            error_messages=messages,
            **kwargs,
        )

    bound_field_class = DateBoundField

    def prepare_value(self, value):
        """Day, month and year for the three boxes, from a date or from what was typed, so
        that nothing typed is lost when the form comes back with an error."""
        if isinstance(value, datetime.date):
            return [str(value.day), str(value.month), str(value.year)]
        parts = list(value) if value else []
        return (parts + [""] * len(PARTS))[: len(PARTS)]

    def compress(self, data_list):
        parts = [(v or "").strip() for v in (data_list or [])]
        parts += [""] * (len(PARTS) - len(parts))
        if not any(parts):
            return None
        missing = [name for name, part in zip(PARTS, parts, strict=True) if not part]
        if missing:
            message = self.error_messages["incomplete"].format(missing="a " + " and ".join(missing))
            raise forms.ValidationError(message, code="incomplete")
        day, month, year = parts
        if not all(p.isdigit() for p in parts) or len(day) > 2 or len(month) > 2 or len(year) != 4:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            date = datetime.date(int(year), int(month), int(day))
        except ValueError as error:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from error
        if date.year < self.min_year:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return date


def error_anchor(form, name: str) -> str:
    """The id the GOV.UK error summary links to for a field: for a date, its first box in
    error (the day box when every box is)."""
    if name not in form.fields:
        return f"id_{name}"
    field = form[name]
    if isinstance(form.fields[name], GovukDateField):
        return f"{field.auto_id}_{(field.boxes_in_error or [0])[0]}"
    return field.auto_id


class LineField(forms.CharField):
    """One line of text. `required` is the message when it is left empty (none: it may be);
    the message for text over `max_length` names it as `named`, or by its label, unless the
    service that checks the text again words it (`over_limit`, the service's own constant)."""

    def __init__(
        self,
        *,
        label: str = "",
        max_length: int,
        required: str = "",
        named: str = "",
        over_limit: str = "",
        **kwargs,
    ):
        messages = {"max_length": over_limit or too_long(named or label, max_length)}
        if required:
            messages["required"] = required
        super().__init__(
            label=label or None,
            max_length=max_length,
            required=bool(required),
            error_messages=messages,
            **kwargs,
        )


class TextField(LineField):
    """Free text over several lines (`rows` of them, or the browser's default). Browsers send
    line breaks as CRLF while the GOV.UK character count counts one character for each, so
    they are normalised before the length is checked: someone the page told "You have 0
    characters remaining" is not refused."""

    widget = forms.Textarea

    def __init__(self, *, rows: int = 0, **kwargs):
        if rows:
            kwargs.setdefault("widget", forms.Textarea(attrs={"rows": rows}))
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("\r\n", "\n").replace("\r", "\n")
        return super().to_python(value)


class KeyChoiceField(forms.TypedChoiceField):
    """A choice of one row by its key: a person, a threat, a department. The form sets the
    choices to what its user may pick. `required` is the message when none is chosen (none:
    choosing is optional, and nothing chosen is None); `invalid` when the key is not one of
    them."""

    def __init__(
        self,
        *,
        label: str = "",
        required: str = "",
        invalid: str = "Select someone from the list",
        **kwargs,
    ):
        messages = {"invalid_choice": invalid}
        if required:
            messages["required"] = required
        else:
            kwargs.setdefault("empty_value", None)
        super().__init__(
            label=label or None,
            coerce=int,
            required=bool(required),
            error_messages=messages,
            **kwargs,
        )


class RevisionField(forms.IntegerField):
    """The revision of what the page showed, sent back with the form so a service can refuse
    a save over someone else's (spr_portal/concurrency.py). A form without one, or with one
    that is not a number, was `out_of_date`."""

    widget = forms.HiddenInput

    def __init__(self, *, out_of_date: str, min_value: int = 1, **kwargs):
        super().__init__(
            min_value=min_value,
            error_messages={
                "required": out_of_date,
                "invalid": out_of_date,
                "min_value": out_of_date,
            },
            **kwargs,
        )
