from django import forms


class SetupFileForm(forms.Form):
    """The set-up spreadsheet; what is in it is read by spr_portal/spreadsheet_reading.py and
    checked by onboarding/services/setup_import.py."""

    file = forms.FileField(
        label="Upload the set-up spreadsheet",
        required=True,
        error_messages={
            "required": "Select the set-up spreadsheet (.xlsx, or a .csv file of one table)",
            "empty": "The selected file is empty",
            "invalid": "Select the set-up spreadsheet (.xlsx, or a .csv file of one table)",
        },
    )


class ConfirmImportForm(forms.Form):
    """The dry run's button: the SHA-256 of the file checked, which must still be the one
    kept for this person."""

    sha256 = forms.RegexField(regex=r"^[0-9a-f]{64}$", required=True)
