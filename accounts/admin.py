"""The user admin without self-promotion: nobody changes their own roles, permissions or
status here; the SPR lead and Administrator roles are granted only on the portal's
user-management page (recorded by accounts/services.py); superuser status only by
`manage.py createsuperuser`."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group, User

from accounts.models import ClaimRoleMapping, RoleChange, SecondFactorRequirement
from accounts.services import sessions_end
from audit.models import AuditAction
from audit.services import audit_record
from spr_portal.admin_read_only import ReadOnlyAdmin
from spr_portal.roles import Role

# Roles that open every self-assessment or the accounts themselves.
GUARDED_ROLES = (Role.SPR_LEAD.value, Role.ADMINISTRATOR.value)
ALWAYS_READ_ONLY = ("is_superuser", "user_permissions", "last_login", "date_joined")
OWN_READ_ONLY = ("groups", "is_staff", "is_active")


class PortalUserAdmin(UserAdmin):
    def get_readonly_fields(self, request, obj=None):
        fields = list(ALWAYS_READ_ONLY)
        if obj is not None and obj.pk == request.user.pk:
            fields += OWN_READ_ONLY
        return fields

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups":
            kwargs["queryset"] = Group.objects.exclude(name__in=GUARDED_ROLES)
            kwargs["help_text"] = (
                "The SPR lead and Administrator roles are given on the portal's "
                "Manage users page, which records who gave them."
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_related(self, request, form, formsets, change):
        # The form does not offer the guarded groups, so saving it would drop them: keep
        # whatever guarded roles the account already held.
        before = set(form.instance.groups.values_list("name", flat=True)) if change else set()
        kept = list(form.instance.groups.filter(name__in=GUARDED_ROLES)) if change else []
        super().save_related(request, form, formsets, change)
        form.instance.groups.add(*kept)
        after = set(form.instance.groups.values_list("name", flat=True))
        if before != after:
            changes = [f"{name} added" for name in sorted(after - before)]
            changes += [f"{name} withdrawn" for name in sorted(before - after)]
            audit_record(
                actor=request.user,
                action=AuditAction.ROLES_CHANGED,
                obj=form.instance,
                summary="In the admin: " + "; ".join(changes),
            )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "is_active" in form.changed_data and not obj.is_active:
            sessions_end(user=obj)
        # Every account change made in the admin is on the audit trail (never the password).
        shown = [name for name in form.changed_data if name not in {"groups", "password"}]
        if "password" in form.changed_data or "password1" in form.changed_data:
            shown.append("password (set by an administrator)")
        if not change or shown:
            audit_record(
                actor=request.user,
                action=AuditAction.ACCOUNT_CHANGED if change else AuditAction.ACCOUNT_CREATED,
                obj=obj,
                summary="In the admin: " + (", ".join(shown) if change else "account created"),
            )

    def has_delete_permission(self, request, obj=None):
        # Accounts are deactivated, never deleted: their history must stay attributable.
        return False


@admin.register(RoleChange)
class RoleChangeAdmin(ReadOnlyAdmin):
    list_display = ["at", "user", "kind", "role", "actor"]
    list_filter = ["kind", "role"]


admin.site.register(SecondFactorRequirement)


@admin.register(ClaimRoleMapping)
class ClaimRoleMappingAdmin(admin.ModelAdmin):
    list_display = ["claim", "value", "role"]

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "role":
            kwargs["choices"] = [(r, r) for r, _ in db_field.choices if r not in GUARDED_ROLES]
        return super().formfield_for_choice_field(db_field, request, **kwargs)


admin.site.unregister(User)
admin.site.register(User, PortalUserAdmin)
