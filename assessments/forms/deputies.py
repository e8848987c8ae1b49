from django import forms

from spr_portal.wording import person_name


class DeputiesForm(forms.Form):
    deputies = forms.TypedMultipleChoiceField(
        label="Who may sign off as a deputy this quarter?",
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Select only people with the SPR lead role"},
    )

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deputies"].choices = [(p.pk, person_name(p)) for p in people]
