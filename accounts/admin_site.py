"""The portal's admin site (`admin.site`, through accounts.apps.PortalAdminConfig).

Every ModelAdmin registered on it, the portal's own and those of Django and the packages,
is made audited (accounts/admin_audit.py) as it is registered, so no model can be added to
the admin without its saves and deletes reaching the audit trail. The models below are for
superusers only, whatever permissions anyone holds: with them one could read someone's
second factor, end or hijack sessions, clear a lock-out, or make a role out of a group.
"""

from django.contrib import admin
from django.db.models.base import ModelBase

from accounts.admin_audit import AuditedAdmin

SUPERUSER_ONLY = frozenset(
    {
        "auth.group",
        "auth.permission",
        "admin.logentry",
        "sessions.session",
        "otp_totp.totpdevice",
        "otp_static.staticdevice",
        "otp_static.statictoken",
        "axes.accessattempt",
        "axes.accessattemptexpiration",
        "axes.accesslog",
        "axes.accessfailurelog",
        "accounts.roleassignment",
    }
)


class SuperuserOnly:
    """Neither listed, opened, nor changed by anyone but a superuser."""

    def has_module_permission(self, request):
        return request.user.is_superuser and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_view_permission(request, obj)

    def has_add_permission(self, request, *args):
        return request.user.is_superuser and super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_delete_permission(request, obj)


class PortalAdminSite(admin.AdminSite):
    def register(self, model_or_iterable, admin_class=None, **options):
        models = (
            [model_or_iterable] if isinstance(model_or_iterable, ModelBase) else model_or_iterable
        )
        for model in models:
            base = admin_class or admin.ModelAdmin
            mixins = (SuperuserOnly,) if model._meta.label_lower in SUPERUSER_ONLY else ()
            if not issubclass(base, AuditedAdmin):
                mixins += (AuditedAdmin,)
            if mixins:
                base = type(base.__name__, (*mixins, base), {"__module__": base.__module__})
            super().register(model, base, **options)
