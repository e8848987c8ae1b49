from django import forms

from assessments.items import NARRATIVE_MAX_LENGTH
from assessments.services.contributions import EMPTY, TOO_LONG
from spr_portal.forms import TextField

OUT_OF_DATE = "This page was out of date: open it again"


class ContributionForm(forms.Form):
    """A contributing department's text in one section (the service checks it again)."""

    use_required_attribute = False
    # The lead's text field: line breaks counted as the character count counts them.
    text = TextField(max_length=NARRATIVE_MAX_LENGTH, label="Your contribution")
    # The contribution's revision as the page showed it; 0 when there was none yet.
    revision = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=0,
        error_messages={"required": OUT_OF_DATE, "invalid": OUT_OF_DATE, "min_value": OUT_OF_DATE},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        text = self.fields["text"]
        text.required = True
        text.error_messages = {**text.error_messages, "required": EMPTY, "max_length": TOO_LONG}
