from django import forms

from assessments.models.recommendations import RecommendationKind
from spr_portal.forms import GovukDateField
from spr_portal.wording import person_name


def _person(user) -> str:
    return f"{person_name(user)} ({user.username})"


class RecommendationForm(forms.Form):
    source_body = forms.CharField(
        label="Who made it?",
        help_text="For example, HMICFRS, or the College of Policing",
        max_length=80,
        initial="HMICFRS",
        error_messages={
            "required": "Enter who made the recommendation",
            "max_length": "Who made it must be 80 characters or fewer",
        },
    )
    source_report = forms.CharField(
        label="Report",
        help_text="The report's title, as published",
        max_length=300,
        error_messages={
            "required": "Enter the report's title",
            "max_length": "The report's title must be 300 characters or fewer",
        },
    )
    published_on = GovukDateField(label="Date the report was published")
    reference = forms.CharField(
        label="Reference (optional)",
        help_text="As the report numbers it, for example Recommendation 3, or AFI 2",
        max_length=40,
        required=False,
        error_messages={"max_length": "The reference must be 40 characters or fewer"},
    )
    kind = forms.ChoiceField(
        label="Is it a recommendation or an area for improvement?",
        choices=RecommendationKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select whether it is a recommendation or an area for improvement"
        },
    )
    text = forms.CharField(
        label="What the report says",
        help_text="Copy its words",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": "Enter what the report says",
            "max_length": "What the report says must be 4,000 characters or fewer",
        },
    )
    threats = forms.TypedMultipleChoiceField(
        label="Which threats does it concern?",
        coerce=int,
        required=False,
        error_messages={"invalid_choice": "Select threats from the list"},
    )
    owner = forms.TypedChoiceField(
        label="Owner (optional)",
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": "Select someone from the list"},
    )
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
    text = forms.CharField(
        label="Progress",
        help_text="What has been done since the last update, and what is next",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": "Enter the progress made",
            "max_length": "Progress must be 2,000 characters or fewer",
        },
    )


class ResponseForm(forms.Form):
    published_on = GovukDateField(label="Date the response was published")


class CloseForm(forms.Form):
    reason = forms.CharField(
        label="Why is it closed?",
        help_text="What was done, and where the evidence is",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Enter why it is closed, e.g. what was done",
            "max_length": "Why it is closed must be 2,000 characters or fewer",
        },
    )
