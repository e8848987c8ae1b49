import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from assessments.models import LateSubmissionGrant
from spr_portal.forms import GovukDateField, KeyChoiceField, TextField

DEADLINE_LABEL = "Date the late submission ends"


class LateSubmissionForm(forms.Form):
    threat = KeyChoiceField(
        label="Which national threat may submit late?",
        widget=forms.RadioSelect,
        required="Select the national threat that may submit late",
        invalid="Select one of the national threats",
    )
    reason = TextField(
        label="Why may it submit late?",
        named="Why it may submit late",
        max_length=2000,
        rows=3,
        required="Enter why this threat may submit late",
    )
    deadline = GovukDateField(label=DEADLINE_LABEL)

    def __init__(self, *args, threats=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["threat"].choices = [(t.pk, t.name) for t in threats]

    def clean_deadline(self):
        return checked_deadline(self.cleaned_data.get("deadline"))


def checked_deadline(deadline):
    """The grant's rule for its deadline (LateSubmissionGrant.check_deadline), on a form field."""
    try:
        LateSubmissionGrant.check_deadline(deadline)
    except ValidationError as error:
        raise ValidationError(error.message_dict["deadline"]) from None
    return deadline


def deadline_hint() -> str:
    """The date input's hint, with an example two weeks from today (always in the future)."""
    example = timezone.localdate() + datetime.timedelta(days=14)
    return (
        "The business lead may start and submit until the end of this day, which must be in "
        f"the future. For example, {example.day} {example.month} {example.year}"
    )
