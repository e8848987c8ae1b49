"""The declaration before submitting, and the confirmation of a withdrawal. Ids are the bare
field names (auto_id "%s") so the error summary links to #declaration."""

from django import forms

STALE = "This page was out of date: check your answers again"


class _Revision(forms.Form):
    revision = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=1,
        error_messages={"required": STALE, "invalid": STALE, "min_value": STALE},
    )


class DeclarationForm(_Revision):
    declaration = forms.BooleanField(required=False)

    def __init__(self, data=None, *, assessment):
        super().__init__(data, auto_id="%s", initial={"revision": assessment.revision})
        self.statement = (
            f"I confirm this is an accurate self-assessment of {assessment.threat_name} for "
            f"{assessment.quarter.label}"
        )

    def clean_declaration(self):
        if not self.cleaned_data.get("declaration"):
            raise forms.ValidationError(
                "Confirm that this is an accurate self-assessment before you submit it"
            )
        return True


class WithdrawForm(_Revision):
    def __init__(self, data=None, *, assessment):
        super().__init__(data, auto_id="%s", initial={"revision": assessment.revision})
