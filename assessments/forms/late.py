import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from assessments.models import LateSubmissionGrant
from spr_portal.forms import GovukDateField

DEADLINE_LABEL = "Date the late submission ends"


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
