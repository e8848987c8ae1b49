from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.forms import PasswordChangeForm

from accounts.models import OPTIONAL_NOTICES, Notice
from spr_portal.roles import Role


class RolesForm(forms.Form):
    roles = forms.MultipleChoiceField(
        choices=[(role.name, role.value) for role in Role],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Roles",
    )

    def __init__(self, *args, role_label=None, **kwargs):
        super().__init__(*args, **kwargs)
        if role_label is not None:  # the force's own words for a role (its force profile)
            self.fields["roles"].choices = [(role.name, role_label(role)) for role in Role]

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


class CountedPasswordChangeForm(PasswordChangeForm):
    """The current password is checked by signing in again (`authenticate`), not by comparing
    hashes: django-axes then counts a wrong one towards the lock-out and refuses any while the
    account or the address is locked, so this form is no way round the sign-in's limit."""

    def __init__(self, user, *args, request=None, **kwargs):
        self.request = request
        super().__init__(user, *args, **kwargs)

    def clean_old_password(self):
        old = self.cleaned_data["old_password"]
        signed_in = authenticate(self.request, username=self.user.get_username(), password=old)
        if signed_in is None or signed_in.pk != self.user.pk:
            raise forms.ValidationError(
                self.error_messages["password_incorrect"], code="password_incorrect"
            )
        return old
