"""The set-up pages' forms (GOV.UK: every error in the summary, nothing typed lost)."""

from django import forms

from accounts.models import ClaimRoleMapping
from onboarding.services.force import PROFILE_FIELDS
from spr_portal.forms import LineField
from spr_portal.roles import GUARDED_ROLES, Role
from spr_portal.wording import too_long
from threats.models import ForceProfile

YES_NO = [("yes", "Yes"), ("no", "No")]
# How a message about its length names a field whose label does not read as a name.
LENGTH_NAMES = {"report_of": "Who the paper is from"}


class YesNoField(forms.TypedChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            choices=YES_NO,
            coerce=lambda value: value == "yes",
            widget=forms.RadioSelect,
            **kwargs,
        )

    def prepare_value(self, value):
        if isinstance(value, bool):
            return "yes" if value else "no"
        return value


class ForceProfileForm(forms.ModelForm):
    """The force profile's words. The crest has its own page (reports:force_crest)."""

    published_papers_open = YesNoField(
        label="May everyone with a role read the published board papers?",
        error_messages={"required": "Say whether everyone with a role may read the papers"},
    )
    review_text_in_emails = YesNoField(
        label="May e-mails quote a reviewer's comments and reasons?",
        error_messages={"required": "Say whether e-mails may quote review text"},
    )

    class Meta:
        model = ForceProfile
        fields = PROFILE_FIELDS
        labels = {
            "force_name": "Force name",
            "short_name": "Short name",
            "body_name": "Name of the policing body",
            "body_short_name": "Short name of the policing body",
            "office_name": "Name of the policing body's office",
            "office_role_label": "What the office's staff are called",
            "board_name": "Name of the board or panel",
            "report_of": "Paper from (“Report of”)",
        }
        # Examples of no particular force (the model's own name the demo's force: the admin's)
        help_texts = {
            "body_name": 'As a sentence names it, for example "the Police, Fire and Crime '
            'Commissioner" or "the Mayor".',
            "body_short_name": 'As a sentence names it again, for example "the PFCC".',
            "office_name": 'For example "the Office of the Police, Fire and Crime Commissioner".',
            "office_role_label": "How the portal names the role of the office's staff, for "
            'example "Commissioner\'s office".',
        }
        error_messages = {
            "force_name": {"required": "Enter the force's name"},
            "short_name": {"required": "Enter the force's short name"},
            "body_name": {"required": "Enter the policing body's name"},
            "body_short_name": {"required": "Enter the policing body's short name"},
            "office_name": {"required": "Enter the name of the policing body's office"},
            "office_role_label": {"required": "Enter what the office's staff are called"},
            "board_name": {"required": "Enter the name of the board or panel"},
            "chief_officer_title": {"required": "Enter the chief officer's title"},
            "body_kind": {"required": "Select the kind of policing body"},
            "default_marking": {"required": "Select the default marking"},
            "support_team": {"required": "Enter who answers users' questions"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The model's order is the form's; the crest and the singleton are not edited here.
        self.order_fields(PROFILE_FIELDS)
        for name in ("body_kind", "default_marking"):
            self.fields[name].widget = forms.RadioSelect(choices=self.fields[name].choices)
            self.fields[name].choices = [c for c in self.fields[name].choices if c[0] != ""]
        for name, field in self.fields.items():
            if getattr(field, "max_length", None):
                named = LENGTH_NAMES.get(name, field.label)
                field.error_messages.setdefault("max_length", too_long(named, field.max_length))


MAPPABLE_ROLES = [(role.value, role.value) for role in Role if role not in GUARDED_ROLES]


class MappingForm(forms.Form):
    claim = LineField(
        label="Claim",
        named="The claim's name",
        max_length=100,
        initial="groups",
        help_text="The name of the claim in the sign-in token, usually “groups”.",
        required="Enter the claim's name",
    )
    value = LineField(
        label="Value",
        named="The value",
        max_length=200,
        help_text="For example, the identity provider's group ID.",
        required="Enter the value the claim holds",
    )
    role = forms.ChoiceField(
        label="Role given",
        choices=MAPPABLE_ROLES,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the role it gives"},
    )

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        mapping = ClaimRoleMapping(**data)
        mapping.clean()  # the model's own guards (a guarded role is never mapped)
        if ClaimRoleMapping.objects.filter(**data).exists():
            raise forms.ValidationError("This claim and value already give this role")
        return data
