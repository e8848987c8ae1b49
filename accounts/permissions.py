"""What the Administrator role may open in the Django admin, written once, here, in code.

The README gives the Administrator "reference data and accounts": the SPR editions,
departments (with their business lead stand-ins, to read), chief officer posts, national
threats and their names under each edition, the force profile, the accounts (never a
password, never a role: those are on Manage users), the second-factor requirements and the
single sign-on role mappings; quarters and the record of role changes to read. Nothing else:
not the groups and permissions, second-factor devices, recovery codes, sessions or lock-out
records (accounts/admin_site.py keeps those for superusers). No database row grants any of
it, so no migration can freeze the list and no admin page can widen it;
`tests/accounts/test_admin_roles.py` walks the admin against it.
"""

from django.contrib.auth.backends import BaseBackend

from spr_portal.roles import Role, roles_of

ALL = ("add", "change", "delete", "view")
EDIT = ("add", "change", "view")
READ = ("view",)

ADMINISTRATOR_MODELS: dict[str, tuple[str, ...]] = {
    "threats.spredition": ALL,
    "threats.department": ALL,
    "threats.chiefofficerpost": ALL,
    "threats.nationalthreat": ALL,
    "threats.threatname": ALL,
    "threats.forceprofile": EDIT,
    "assessments.quarter": READ,
    "auth.user": EDIT,
    "accounts.rolechange": READ,
    "accounts.secondfactorrequirement": ALL,
    "accounts.claimrolemapping": ALL,
    # Background tasks (django-tasks-db), read-only: what failed and why.
    "django_tasks_database.dbtaskresult": READ,
}


def administrator_permissions() -> frozenset[str]:
    """ "app_label.action_model" for every action the list gives."""
    return frozenset(
        f"{label.split('.')[0]}.{action}_{label.split('.')[1]}"
        for label, actions in ADMINISTRATOR_MODELS.items()
        for action in actions
    )


class RolePermissionBackend(BaseBackend):
    """Gives the Administrator role the permissions above (next to Django's ModelBackend,
    which still answers for superusers). It authenticates nobody."""

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or Role.ADMINISTRATOR not in roles_of(user_obj):
            return set()
        return set(administrator_permissions())

    def has_perm(self, user_obj, perm, obj=None):
        return perm in self.get_all_permissions(user_obj, obj)

    def has_module_perms(self, user_obj, app_label):
        return any(p.startswith(f"{app_label}.") for p in self.get_all_permissions(user_obj))
