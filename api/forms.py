from django import forms

from api.models import Scope
from api.services import EXPIRY_DAYS
from spr_portal.forms import LineField


class TokenForm(forms.Form):
    name = LineField(
        label="What is the token for?",
        named="What the token is for",
        max_length=80,
        help_text="For example, “Force performance dashboard”.",
        required="Enter what the token is for",
    )
    scopes = forms.MultipleChoiceField(
        label="What may it read?",
        choices=Scope.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose what the token may read"},
    )
    expires_in_days = forms.TypedChoiceField(
        label="When does it expire?",
        choices=[(days, f"In {days} days") for days in EXPIRY_DAYS],
        coerce=int,
        widget=forms.RadioSelect,
        initial=90,
        error_messages={"required": "Choose when the token expires"},
    )
