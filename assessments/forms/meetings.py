"""The quarterly meeting's forms. Each carries what its service needs and no more; a
refusal of the service is put on the form (`spr_portal/form_errors.py` `add_service_errors`)."""

from django import forms

from assessments.choices import ActionStatus
from assessments.models.meetings import Attendance, Decision
from spr_portal.forms import GovukDateField, KeyChoiceField, LineField, TextField
from spr_portal.wording import person_name


def _people(users):
    return [(u.pk, f"{person_name(u)}") for u in users]


def _agenda_item() -> KeyChoiceField:
    return KeyChoiceField(
        label="Agenda item",
        required="Select the agenda item",
        invalid="Select an item on the agenda",
    )


class MeetingDetailsForm(forms.Form):
    held_on = GovukDateField(label="Date of the meeting")
    chair = KeyChoiceField(label="Chair", required="Select who chairs")
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
    user = KeyChoiceField(label="Someone from the portal")
    name = LineField(label="Or their name", named="Their name", max_length=120)
    post = LineField(label="Their post", max_length=120)

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
    threat = _agenda_item()
    decision = forms.ChoiceField(
        label="Decision",
        choices=Decision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the decision"},
    )
    rationale = TextField(
        label="Why",
        named="The reason",
        max_length=4000,
        rows=3,
        required="Enter the reason for the decision",
    )
    # The assessment's revision the meeting read: a sign-off or a return from an older one
    # is refused, as on the review page.
    revision = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, threats=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["threat"].choices = [(t.pk, t.name) for t in threats]


class MeetingActionForm(forms.Form):
    threat = _agenda_item()
    description = TextField(
        label="Action",
        named="The action",
        max_length=1000,
        rows=2,
        required="Enter the action",
    )
    owner_user = KeyChoiceField(label="Owner", required="Select the action's owner")
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
    progress_note = TextField(label="Progress", named="The progress note", max_length=2000, rows=3)
    revision = forms.IntegerField(widget=forms.HiddenInput)


class RevisionForm(forms.Form):
    """A confirmation from the revision on the page (an endorsement, approving minutes)."""

    revision = forms.IntegerField(widget=forms.HiddenInput)
