"""The quarterly meeting's forms. Each carries what its service needs and no more; a
refusal of the service is put on the form (`spr_portal/form_errors.py` `add_service_errors`)."""

from django import forms

from assessments.choices import ActionStatus
from assessments.models.meetings import Attendance, Decision
from spr_portal.forms import GovukDateField
from spr_portal.wording import person_name


def _people(users):
    return [(u.pk, f"{person_name(u)}") for u in users]


class MeetingDetailsForm(forms.Form):
    held_on = GovukDateField(label="Date of the meeting")
    chair = forms.TypedChoiceField(
        label="Chair",
        coerce=int,
        error_messages={
            "required": "Select who chairs",
            "invalid_choice": "Select someone from the list",
        },
    )
    revision = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chair"].choices = _people(people)


class AttendeeForm(forms.Form):
    attendance = forms.ChoiceField(
        label="Present or apologies",
        choices=Attendance.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select present or apologies"},
    )
    user = forms.TypedChoiceField(
        label="Someone from the portal",
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={"invalid_choice": "Select someone from the list"},
    )
    name = forms.CharField(label="Or their name", max_length=120, required=False)
    post = forms.CharField(label="Their post", max_length=120, required=False)

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].choices = [("", "Not in the portal"), *_people(people)]

    def clean(self):
        data = super().clean()
        if not data.get("user") and not (data.get("name") or "").strip():
            self.add_error("name", "Enter the person's name, or choose someone from the portal")
        if data.get("user") and (data.get("name") or "").strip():
            self.add_error("name", "Choose someone from the portal or enter a name, not both")
        return data


class DecisionForm(forms.Form):
    threat = forms.TypedChoiceField(
        label="Agenda item",
        coerce=int,
        error_messages={
            "required": "Select the agenda item",
            "invalid_choice": "Select an item on the agenda",
        },
    )
    decision = forms.ChoiceField(
        label="Decision",
        choices=Decision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the decision"},
    )
    rationale = forms.CharField(
        label="Why",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Enter the reason for the decision",
            "max_length": "The reason must be 4,000 characters or fewer",
        },
    )
    # The assessment's revision the meeting read: a sign-off or a return from an older one
    # is refused, as on the review page.
    revision = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, threats=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["threat"].choices = [(t.pk, t.name) for t in threats]


class MeetingActionForm(forms.Form):
    threat = forms.TypedChoiceField(
        label="Agenda item",
        coerce=int,
        error_messages={
            "required": "Select the agenda item",
            "invalid_choice": "Select an item on the agenda",
        },
    )
    description = forms.CharField(
        label="Action",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={
            "required": "Enter the action",
            "max_length": "The action must be 1,000 characters or fewer",
        },
    )
    owner_user = forms.TypedChoiceField(
        label="Owner",
        coerce=int,
        error_messages={
            "required": "Select the action's owner",
            "invalid_choice": "Select someone from the list",
        },
    )
    due_date = GovukDateField(label="Due date")

    def __init__(self, *args, threats=(), people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["threat"].choices = [(t.pk, t.name) for t in threats]
        self.fields["owner_user"].choices = _people(people)


class ActionProgressForm(forms.Form):
    status = forms.ChoiceField(
        label="Status",
        choices=ActionStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the action's status"},
    )
    progress_note = forms.CharField(
        label="Progress",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "The progress note must be 2,000 characters or fewer"},
    )
    revision = forms.IntegerField(widget=forms.HiddenInput)


class RevisionForm(forms.Form):
    """A confirmation from the revision on the page (an endorsement, approving minutes)."""

    revision = forms.IntegerField(widget=forms.HiddenInput)
