from django import forms

from spr_portal.forms import GovukDateField
from spr_portal.wording import person_name


class StandInForm(forms.Form):
    department = forms.TypedChoiceField(
        label="Which department?",
        coerce=int,
        error_messages={
            "required": "Select the department they stand in for",
            "invalid_choice": "Select one of the departments",
        },
    )
    person = forms.TypedChoiceField(
        label="Who stands in as its business lead?",
        coerce=int,
        error_messages={
            "required": "Select who stands in",
            "invalid_choice": "Select someone from the list",
        },
    )
    starts_on = GovukDateField(label="First day they stand in")
    ends_on = GovukDateField(label="Last day they stand in")
    reason = forms.CharField(
        label="Why do they stand in?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Enter why they stand in",
            "max_length": "Why they stand in must be 2,000 characters or fewer",
        },
    )

    def __init__(self, *args, departments=(), people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].choices = [(d.pk, d.name) for d in departments]
        self.fields["person"].choices = [(p.pk, f"{person_name(p)} ({p.username})") for p in people]
