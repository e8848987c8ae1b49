from django.apps import AppConfig

# The module, not the class: a class imported here would count as this module's own.
from django.contrib.admin import apps as admin_apps


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts and sign-in"
    default = True  # the module also holds the admin's config, below

    def ready(self):
        from accounts import checks, signals  # noqa: F401  (deploy check; sign-in time stamp)
        from spr_portal import demo  # noqa: F401  (check --deploy refuses the laptop demo)


class PortalAdminConfig(admin_apps.AdminConfig):
    """Django's admin, with the portal's site as `admin.site`: every model registered on it
    is audited, and the sensitive ones are for superusers only (accounts/admin_site.py)."""

    default = False
    default_site = "accounts.admin_site.PortalAdminSite"
