from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth import forms as auth_forms

from accounts.models import OPTIONAL_NOTICES, Notice
from spr_portal.roles import Role
from spr_portal.wording import too_long


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


class DeactivateForm(forms.Form):
    """Deactivating the only active business lead of a department needs this ticked
    (accounts/services.py `user_deactivate`); the page shows it only then."""

    confirm_unled = forms.BooleanField(required=False)


# Who each optional e-mail goes to, shown under its checkbox.
NOTICE_HINTS = {
    Notice.REOPENED: "Sent to the business leads of the department that owns the threat.",
    Notice.QUARTER_OPENED: (
        "Sent to business leads when the SPR lead opens a quarter, with what is due and when."
    ),
    Notice.SUBMITTED: "Sent to the SPR lead and anyone else who may sign it off.",
    Notice.RESUBMITTED: "Sent to the SPR lead and anyone else who may sign it off.",
    Notice.SIGNED_OFF: "Sent to the business leads of the department that owns the threat.",
    Notice.PUBLISHED: "Sent to the policing body's office and the chief officer leads.",
}


class EmailSettingsForm(forms.Form):
    """The optional e-mails `offered` to this person: only those that can reach them
    (accounts/notify.py `notices_for`)."""

    wanted = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Send me an e-mail when",
        error_messages={"invalid_choice": "Choose only from the e-mails listed"},
    )

    def __init__(self, *args, offered=OPTIONAL_NOTICES, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wanted"].choices = [(notice.value, notice.label) for notice in offered]
        # Shown under each checkbox (templates/includes/checkboxes.html).
        self.fields["wanted"].hints = {notice.value: hint for notice, hint in NOTICE_HINTS.items()}

    def chosen(self) -> set[Notice]:
        return {Notice(value) for value in self.cleaned_data["wanted"]}


def _code_field(*, label: str, help_text: str = "", numeric: bool = False) -> forms.CharField:
    """The one box of the second sign-in step. Not required: the view answers an empty code
    with the same words as a wrong one (templates/includes/text_input.html renders it)."""
    attrs = {
        "class": "govuk-input--width-10",
        "autocomplete": "one-time-code",
        "spellcheck": "false",
    }
    if numeric:
        attrs["inputmode"] = "numeric"
    field = forms.CharField(label=label, help_text=help_text, required=False)
    field.widget.attrs.update(attrs)
    return field


class SecondFactorCodeForm(forms.Form):
    """A code from the authenticator app (or a recovery code), as typed: spaces dropped."""

    def clean_code(self) -> str:
        return "".join(self.cleaned_data["code"].split())

    def refuse(self, message: str) -> None:
        """The code was not accepted: say so, and show the box empty again, as a code is
        typed afresh rather than corrected."""
        self.add_error("code", message)
        self.data = self.data.copy()
        self.data["code"] = ""


class AuthenticatorSetupForm(SecondFactorCodeForm):
    """With `needs_password`, the account's password above the code: replacing an authenticator
    needs it (the view checks it by signing in again, so a wrong one counts to the lock-out)."""

    code = _code_field(label="Code from the app", numeric=True)

    def __init__(self, *args, needs_password: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if needs_password:
            password = forms.CharField(
                label="Your current password",
                help_text="This replaces the authenticator you set up before.",
                required=False,
                widget=forms.PasswordInput(
                    attrs={"class": HALF, "autocomplete": "current-password"}
                ),
            )
            self.fields = {"password": password, **self.fields}

    def full_clean(self):
        super().full_clean()
        _mark_password_errors(self)


class SecurityCodeForm(SecondFactorCodeForm):
    code = _code_field(
        label="Security code",
        help_text="The 6-digit code in your authenticator app, or one of your recovery codes.",
    )


HALF = "govuk-!-width-one-half"


def _as_govuk(form, *, hints: dict[str, str]) -> None:
    """Django's own sign-in and password fields as the shared text input shows them: half
    width, our hints, and no autofocus (GOV.UK: it moves screen reader users past the page)."""
    for name, field in form.fields.items():
        field.widget.attrs.pop("autofocus", None)
        field.widget.attrs.pop("maxlength", None)
        field.widget.attrs["class"] = HALF
        field.help_text = hints.get(name, "")


def _mark_password_errors(form) -> None:
    """crispy-forms-gds draws a text box in error with its red border, not a password box."""
    for name, field in form.fields.items():
        if isinstance(field.widget, forms.PasswordInput) and name in form.errors:
            field.widget.attrs["class"] += " govuk-input--error"


class SignInForm(auth_forms.AuthenticationForm):
    """Django's sign-in form, shown through templates/includes/text_input.html."""

    use_required_attribute = False  # GOV.UK forms check on the server, not in the browser

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _as_govuk(self, hints={})
        self.fields["username"].widget.attrs["spellcheck"] = "false"
        username = self.fields["username"]
        username.error_messages["required"] = "Enter your username"
        username.error_messages["max_length"] = too_long("Your username", username.max_length)
        self.fields["password"].error_messages["required"] = "Enter your password"

    def clean(self):
        try:
            return super().clean()
        except forms.ValidationError:
            # A wrong username or password is one error of the form; the username's box is
            # marked with it, where the error summary's link lands.
            self.fields["username"].widget.attrs["class"] += " govuk-input--error"
            raise

    def full_clean(self):
        super().full_clean()
        _mark_password_errors(self)


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    """Django's password change form, shown through templates/includes/text_input.html."""

    use_required_attribute = False  # GOV.UK forms check on the server, not in the browser

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        hint = "At least 12 characters, not a common password and not all numbers."
        _as_govuk(self, hints={"new_password1": hint})
        for name, message in (
            ("old_password", "Enter your current password"),
            ("new_password1", "Enter a new password"),
            ("new_password2", "Enter the new password again"),
        ):
            self.fields[name].error_messages["required"] = message

    def full_clean(self):
        super().full_clean()
        _mark_password_errors(self)


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
