"""Improvement action forms: description, owner, due date (the GOV.UK date input) and status."""

import datetime

from django import forms

from assessments.choices import ActionStatus
from assessments.forms.lead import TextField

DESCRIPTION_MAX_LENGTH = 1000  # ImprovementAction.description
OWNER_MAX_LENGTH = 120  # ImprovementAction.owner


class ActionForm(forms.Form):
    description = TextField(max_length=DESCRIPTION_MAX_LENGTH, label="What needs to be done")
    owner = forms.CharField(
        max_length=OWNER_MAX_LENGTH,
        label="Owner",
        error_messages={
            "required": "Enter who owns the action",
            "max_length": f"Owner must be {OWNER_MAX_LENGTH} characters or fewer",
        },
    )
    # The GOV.UK date input: three boxes, checked together in clean().
    due_day = forms.CharField(required=False, max_length=2, label="Day")
    due_month = forms.CharField(required=False, max_length=2, label="Month")
    due_year = forms.CharField(required=False, max_length=4, label="Year")

    field_order = ["description", "owner", "due_day", "due_month", "due_year"]

    def __init__(self, *args, action=None, **kwargs):
        super().__init__(*args, **kwargs)
        if action is not None and not self.is_bound:
            self.initial.update(
                description=action.description,
                owner=action.owner,
                due_day=str(action.due_date.day),
                due_month=str(action.due_date.month),
                due_year=str(action.due_date.year),
            )

    def clean_description(self):
        description = self.cleaned_data["description"].strip()
        if not description:
            raise forms.ValidationError("Enter what needs to be done")
        return description

    def clean(self):
        cleaned = super().clean()
        parts = {
            "day": (cleaned.get("due_day") or "").strip(),
            "month": (cleaned.get("due_month") or "").strip(),
            "year": (cleaned.get("due_year") or "").strip(),
        }
        missing = [name for name, value in parts.items() if not value]
        if len(missing) == 3:
            self.add_error("due_day", "Enter the due date")
        elif missing:
            self.add_error("due_day", f"The due date must include a {' and '.join(missing)}")
        else:
            try:
                cleaned["due_date"] = datetime.date(
                    int(parts["year"]), int(parts["month"]), int(parts["day"])
                )
                if cleaned["due_date"].year < 2000:
                    raise ValueError
            except ValueError:
                self.add_error("due_day", "The due date must be a real date, like 30 6 2016")
        return cleaned

    def error_summary(self) -> list[dict]:
        entries = []
        for name in self.fields:
            for message in self.errors.get(name, []):
                entries.append({"href": f"#id_{name}", "text": message})
        return entries

    def service_fields(self) -> dict:
        return {
            "description": self.cleaned_data["description"],
            "owner": self.cleaned_data["owner"].strip(),
            "due_date": self.cleaned_data["due_date"],
        }


class ActionEditForm(ActionForm):
    """Edit an action, refused if someone changed it after this form was opened."""

    status = forms.ChoiceField(
        choices=ActionStatus.choices,
        widget=forms.RadioSelect,
        label="Status",
        error_messages={"required": "Choose the status of the action"},
    )
    version = forms.CharField(widget=forms.HiddenInput)

    field_order = [*ActionForm.field_order, "status", "version"]

    def __init__(self, *args, action, **kwargs):
        super().__init__(*args, action=action, **kwargs)
        if not self.is_bound:
            self.initial.update(status=action.status, version=action_version(action))

    def service_fields(self) -> dict:
        return {**super().service_fields(), "status": self.cleaned_data["status"]}


def action_version(action) -> str:
    """The token an edit form carries: when the action was last changed."""
    return action.updated_at.isoformat()
