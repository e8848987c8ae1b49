from django import forms

from assessments.models.recommendations import RecommendationKind
from spr_portal.forms import GovukDateField, KeyChoiceField, LineField, TextField
from spr_portal.wording import person_name


def _person(user) -> str:
    return f"{person_name(user)} ({user.username})"


class RecommendationForm(forms.Form):
    source_body = LineField(
        label="Who made it?",
        named="Who made it",
        help_text="For example, HMICFRS, or the College of Policing",
        max_length=80,
        initial="HMICFRS",
        required="Enter who made the recommendation",
    )
    source_report = LineField(
        label="Report",
        named="The report's title",
        help_text="The report's title, as published",
        max_length=300,
        required="Enter the report's title",
    )
    published_on = GovukDateField(label="Date the report was published")
    reference = LineField(
        label="Reference (optional)",
        named="The reference",
        help_text="As the report numbers it, for example Recommendation 3, or AFI 2",
        max_length=40,
    )
    kind = forms.ChoiceField(
        label="Is it a recommendation or an area for improvement?",
        choices=RecommendationKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select whether it is a recommendation or an area for improvement"
        },
    )
    text = TextField(
        label="What the report says",
        help_text="Copy its words",
        max_length=4000,
        rows=5,
        required="Enter what the report says",
    )
    threats = forms.TypedMultipleChoiceField(
        label="Which threats does it concern?",
        coerce=int,
        required=False,
        error_messages={"invalid_choice": "Select threats from the list"},
    )
    owner = KeyChoiceField(label="Owner (optional)")
    due_on = GovukDateField(label="Due date", required=False)
    policing_body_must_respond = forms.TypedChoiceField(
        label="Must the policing body respond to it?",
        choices=(("yes", "Yes"), ("no", "No")),
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the policing body must respond"},
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, threats=(), people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["threats"].choices = [(pk, name) for pk, name in threats]
        self.fields["owner"].choices = [("", "Nobody yet")] + [(p.pk, _person(p)) for p in people]

    def service_fields(self, people) -> dict:
        data = dict(self.cleaned_data)
        data.pop("revision", None)
        data.pop("threats")
        owner = data.pop("owner")
        data["owner"] = next((p for p in people if p.pk == owner), None)
        return data


class ProgressForm(forms.Form):
    text = TextField(
        label="Progress",
        help_text="What has been done since the last update, and what is next",
        max_length=2000,
        rows=4,
        required="Enter the progress made",
    )


class ResponseForm(forms.Form):
    published_on = GovukDateField(label="Date the response was published")


class CloseForm(forms.Form):
    reason = TextField(
        label="Why is it closed?",
        named="Why it is closed",
        help_text="What was done, and where the evidence is",
        max_length=2000,
        rows=3,
        required="Enter why it is closed, e.g. what was done",
    )
