from django import forms

from accounts.models import OPTIONAL_NOTICES, Notice
from spr_portal.roles import Role


class RolesForm(forms.Form):
    roles = forms.MultipleChoiceField(
        choices=[(role.name, role.value) for role in Role],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Roles",
    )

    def chosen(self) -> set[Role]:
        return {Role[name] for name in self.cleaned_data["roles"]}


# Who each optional e-mail goes to, shown under its checkbox.
NOTICE_HINTS = {
    Notice.RESUBMITTED: "Sent to the SPR lead.",
    Notice.SIGNED_OFF: "Sent to the business leads of the department that owns the threat.",
    Notice.PUBLISHED: "Sent to the policing body's office and the chief officer leads.",
}


class EmailSettingsForm(forms.Form):
    wanted = forms.MultipleChoiceField(
        choices=[(notice.value, notice.label) for notice in OPTIONAL_NOTICES],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Send me an e-mail when",
        error_messages={"invalid_choice": "Choose only from the e-mails listed"},
    )

    def chosen(self) -> set[Notice]:
        return {Notice(value) for value in self.cleaned_data["wanted"]}

    def options(self) -> list[dict]:
        """(id, value, label, hint, checked) for each checkbox: the first carries the field's
        id, so the error summary's link lands on it."""
        checked = (
            set(self.data.getlist("wanted"))
            if self.is_bound
            else set(self.initial.get("wanted", []))
        )
        return [
            {
                "id": "id_wanted" if number == 1 else f"id_wanted-{number}",
                "value": notice.value,
                "label": notice.label,
                "hint": NOTICE_HINTS[notice],
                "checked": notice.value in checked,
            }
            for number, notice in enumerate(OPTIONAL_NOTICES, start=1)
        ]
