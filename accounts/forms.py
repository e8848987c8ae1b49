from django import forms

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
