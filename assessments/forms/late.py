from django import forms


class LateSubmissionForm(forms.Form):
    threat = forms.TypedChoiceField(
        label="Which national threat may submit late?",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the national threat that may submit late"},
    )
    reason = forms.CharField(
        label="Why may it submit late?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why this threat may submit late"},
    )

    def __init__(self, *args, threats=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["threat"].choices = [(t.pk, t.name) for t in threats]
