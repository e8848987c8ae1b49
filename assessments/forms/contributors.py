from django import forms

from spr_portal.forms import RevisionField


class ContributorsForm(forms.Form):
    """The departments brought into one threat's assessment this quarter."""

    use_required_attribute = False
    departments = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Contributing departments",
        error_messages={"invalid_choice": "Choose departments from the list"},
    )
    revision = RevisionField(out_of_date="This page was out of date: open it again")

    def __init__(self, *args, assessment, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.departments = {str(d.pk): d for d in choices}
        self.fields["departments"].choices = [(pk, d.name) for pk, d in self.departments.items()]
        self.initial.setdefault(
            "departments", [str(d.pk) for d in assessment.contributing_departments.all()]
        )
        self.initial.setdefault("revision", assessment.revision)

    def chosen(self):
        return [self.departments[pk] for pk in self.cleaned_data["departments"]]
