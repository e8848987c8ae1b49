from django import forms

from assessments.items import SECTIONS


class EvidenceForm(forms.Form):
    section = forms.ChoiceField(
        label="Which section is it evidence for?",
        choices=[("", "Choose a section"), *SECTIONS],
        error_messages={"required": "Choose the section the file is evidence for"},
    )
    file = forms.FileField(
        label="File",
        error_messages={"required": "Choose a file", "empty": "The file is empty"},
    )
