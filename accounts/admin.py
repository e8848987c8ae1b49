"""The user admin without a route around the roles: nobody changes a role, a permission or
superuser status here (roles are given on the portal's Manage users page, recorded by
accounts/services.py; superuser status only by `manage.py createsuperuser`); nobody sets
another person's password (Manage users sends a one-time link); a superuser's account is
changed by superusers only. Every save is on the audit trail (accounts/admin_site.py)."""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied

from accounts.models import ROLE_CHOICES, ClaimRoleMapping, RoleChange, SecondFactorRequirement
from accounts.services import sessions_end, unled_message
from spr_portal.admin_read_only import ReadOnlyAdmin
from spr_portal.roles import GUARDED_ROLES, roles_of
from threats.models import Department

# Derived or guarded: is_staff follows the Administrator role (accounts/services.py).
ALWAYS_READ_ONLY = ("is_superuser", "is_staff", "roles", "last_login", "date_joined")
OWN_READ_ONLY = ("is_active",)
SET_BY_LINK_ONLY = (
    "Nobody sets another person's password. Send them a link to set it from the portal's "
    "Manage users page."
)


class PortalUserChangeForm(UserChangeForm):
    # Shown (PortalUserAdmin.get_fieldsets) only for a department's only active business lead.
    leave_without_lead = forms.BooleanField(
        required=False, label="Deactivate although a department is left without a business lead"
    )

    class Meta(UserChangeForm.Meta):
        fields = ("username", "password", "first_name", "last_name", "email", "is_active")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].help_text = SET_BY_LINK_ONLY
        self.unled = _unled(self.instance)
        if self.unled:
            names = ", ".join(d.name for d in self.unled)
            self.fields["leave_without_lead"].help_text = (
                f"They are the only active business lead of {names}. Once deactivated, nobody "
                "leads it: the quarter board says so, and reminders go to the chief officer "
                "lead until someone is named."
            )

    def clean(self):
        """The warning before deactivating a department's only active business lead, as on
        Manage users (accounts/services.py `user_deactivate`)."""
        data = super().clean()
        deactivating = "is_active" in self.changed_data and not data.get("is_active", True)
        if deactivating and self.unled and not data.get("leave_without_lead"):
            self.add_error("leave_without_lead", unled_message(self.unled))
        return data


def _unled(user) -> list:
    if user is None or user.pk is None or not user.is_active:
        return []
    return list(Department.objects.left_unled_by(user))


class PortalUserCreationForm(forms.ModelForm):
    """A new account has no password until its owner sets one from the link (or signs in
    through single sign-on)."""

    class Meta:
        model = User
        fields = ("username", "first_name", "last_name", "email")

    def save(self, commit=True):
        user = super().save(commit=False)
        user.set_unusable_password()
        if commit:
            user.save()
        return user


class PortalUserAdmin(UserAdmin):
    form = PortalUserChangeForm
    add_form = PortalUserCreationForm
    add_form_template = None
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Personal info", {"fields": ("first_name", "last_name", "email")}),
        ("Status", {"fields": ("is_active", "is_staff", "is_superuser", "roles")}),
        ("Important dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"fields": ("username", "first_name", "last_name", "email")}),)
    list_filter = ("is_staff", "is_superuser", "is_active")
    filter_horizontal = ()

    @admin.display(description="Roles")
    def roles(self, obj):
        held = ", ".join(sorted(roles_of(obj))) if obj is not None else ""
        return f"{held or 'None'} (given and withdrawn on the portal's Manage users page)"

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or obj.pk == request.user.pk or not _unled(obj):
            return fieldsets
        return tuple(
            (name, {**options, "fields": (*options["fields"], "leave_without_lead")})
            if "is_active" in options["fields"]
            else (name, options)
            for name, options in fieldsets
        )

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        fields = list(ALWAYS_READ_ONLY)
        if obj.pk == request.user.pk:
            fields += OWN_READ_ONLY
        return fields

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        # Accounts are deactivated, never deleted: their history must stay attributable.
        return False

    def user_change_password(self, request, id, form_url=""):
        raise PermissionDenied(SET_BY_LINK_ONLY)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "is_active" in form.changed_data and not obj.is_active:
            sessions_end(user=obj)


@admin.register(RoleChange)
class RoleChangeAdmin(ReadOnlyAdmin):
    list_display = ["at", "user", "kind", "role", "actor"]
    list_filter = ["kind", "role"]


class RoleForm(forms.ModelForm):
    """The role columns carry no choices (a new role needs no migration): the form offers the
    roles that may be chosen here."""

    role = forms.ChoiceField(choices=ROLE_CHOICES)


@admin.register(SecondFactorRequirement)
class SecondFactorRequirementAdmin(admin.ModelAdmin):
    form = RoleForm


class ClaimRoleMappingForm(RoleForm):
    role = forms.ChoiceField(choices=[(v, n) for v, n in ROLE_CHOICES if v not in GUARDED_ROLES])


@admin.register(ClaimRoleMapping)
class ClaimRoleMappingAdmin(admin.ModelAdmin):
    form = ClaimRoleMappingForm
    list_display = ["claim", "value", "role"]


admin.site.unregister(User)
admin.site.register(User, PortalUserAdmin)
