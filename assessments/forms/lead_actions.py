"""Improvement action forms: description, owner, due date (the GOV.UK date input) and status."""

from django import forms

from assessments.choices import ActionStatus
from spr_portal.forms import GovukDateField, KeyChoiceField, LineField, RevisionField, TextField

DESCRIPTION_MAX_LENGTH = 1000  # ImprovementAction.description
OWNER_MAX_LENGTH = 120  # ImprovementAction.owner
# A form without the revision it was opened at cannot be checked against later changes.
OUT_OF_DATE = "This page was out of date: open the action again from the improvement actions"


class ActionForm(forms.Form):
    use_required_attribute = False  # GOV.UK forms check on the server, not in the browser
    description = TextField(max_length=DESCRIPTION_MAX_LENGTH, label="What needs to be done")
    owner = LineField(
        max_length=OWNER_MAX_LENGTH,
        label="Owner",
        help_text="Who is accountable, for example ‘DCI Public Protection’.",
        required="Enter who owns the action",
        widget=forms.TextInput(attrs={"class": "govuk-!-width-two-thirds"}),
    )
    due_date = GovukDateField(
        label="Due date",
        min_year=2000,
        error_messages={"invalid": "The due date must be a real date, like 30 6 2016"},
    )

    recommendation = KeyChoiceField(
        label="Does it answer an inspection recommendation? (optional)",
        invalid="Select a recommendation from the list",
    )

    field_order = ["description", "owner", "due_date", "recommendation"]

    def __init__(self, *args, action=None, recommendations=(), **kwargs):
        super().__init__(*args, **kwargs)
        # Only where an open recommendation concerns the threat: otherwise the form is as it
        # always was.
        self.recommendations = {r.pk: r for r in recommendations}
        if action is not None and action.recommendation_id:
            self.recommendations.setdefault(action.recommendation_id, action.recommendation)
        if self.recommendations:
            self.fields["recommendation"].choices = [("", "No")] + [
                (pk, str(r)) for pk, r in self.recommendations.items()
            ]
        else:
            del self.fields["recommendation"]
        # No maxlength in the browser: it would cut a paste short without saying so, where the
        # form's check gives the GOV.UK error message.
        self.fields["owner"].widget.attrs.pop("maxlength", None)
        if action is not None and not self.is_bound:
            self.initial.update(
                description=action.description,
                owner=action.owner,
                due_date=action.due_date,
                recommendation=action.recommendation_id,
            )

    def clean_description(self):
        description = self.cleaned_data["description"].strip()
        if not description:
            raise forms.ValidationError("Enter what needs to be done")
        return description

    def service_fields(self) -> dict:
        fields = {
            "description": self.cleaned_data["description"],
            "owner": self.cleaned_data["owner"].strip(),
            "due_date": self.cleaned_data["due_date"],
        }
        if "recommendation" in self.fields:
            fields["recommendation"] = self.recommendations.get(self.cleaned_data["recommendation"])
        return fields


class ActionEditForm(ActionForm):
    """Edit an action, refused if someone changed it after this form was opened."""

    status = forms.ChoiceField(
        choices=ActionStatus.choices,
        widget=forms.RadioSelect,
        label="Status",
        error_messages={"required": "Choose the status of the action"},
    )
    revision = RevisionField(out_of_date=OUT_OF_DATE)

    field_order = [*ActionForm.field_order, "status", "revision"]

    def __init__(self, *args, action, **kwargs):
        super().__init__(*args, action=action, **kwargs)
        if not self.is_bound:
            self.initial.update(status=action.status, revision=action.revision)

    def service_fields(self) -> dict:
        return {**super().service_fields(), "status": self.cleaned_data["status"]}
