from django import forms

from assessments.items import NARRATIVE_MAX_LENGTH
from assessments.services.contributions import EMPTY, TOO_LONG
from spr_portal.forms import RevisionField, TextField

OUT_OF_DATE = "This page was out of date: open it again"


class ContributionForm(forms.Form):
    """A contributing department's text in one section (the service checks it again)."""

    use_required_attribute = False
    # The lead's text field: line breaks counted as the character count counts them.
    text = TextField(
        max_length=NARRATIVE_MAX_LENGTH,
        label="Your contribution",
        required=EMPTY,
        over_limit=TOO_LONG,
    )
    # The contribution's revision as the page showed it; 0 when there was none yet.
    revision = RevisionField(out_of_date=OUT_OF_DATE, min_value=0)
