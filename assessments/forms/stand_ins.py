from django import forms

from spr_portal.forms import GovukDateField, KeyChoiceField, TextField
from spr_portal.wording import person_name


class StandInForm(forms.Form):
    department = KeyChoiceField(
        label="Which department?",
        required="Select the department they stand in for",
        invalid="Select one of the departments",
    )
    person = KeyChoiceField(
        label="Who stands in as its business lead?", required="Select who stands in"
    )
    starts_on = GovukDateField(label="First day they stand in")
    ends_on = GovukDateField(label="Last day they stand in")
    reason = TextField(
        label="Why do they stand in?",
        named="Why they stand in",
        max_length=2000,
        rows=3,
        required="Enter why they stand in",
    )

    def __init__(self, *args, departments=(), people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].choices = [(d.pk, d.name) for d in departments]
        self.fields["person"].choices = [(p.pk, f"{person_name(p)} ({p.username})") for p in people]
