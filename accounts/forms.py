from django import forms

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
