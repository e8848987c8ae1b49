from django import forms


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
        self.fields["deputies"].choices = [(p.pk, p.get_full_name() or p.username) for p in people]
