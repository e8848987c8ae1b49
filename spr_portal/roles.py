"""The roles of PRODUCT.md, and which of them a user holds.

A user holds a role when the portal's own table says so (`accounts.RoleAssignment`, one row
per user and role, keyed by the `Role` value the code owns): never by the name of an editable
group, so renaming or making a group changes nobody's access. Roles are given and withdrawn
only by `accounts/services.py` (recorded). What each role may do is the table in
spr_portal/access.py; which objects it may see, each model's `visible_to(user)`.
"""

from enum import StrEnum

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef
from django.utils import timezone

from spr_portal.cache_stamp import cached


class Role(StrEnum):
    BUSINESS_LEAD = "Business lead"
    SPR_LEAD = "SPR lead"
    CHIEF_OFFICER_LEAD = "Chief officer lead"
    POLICING_BODY_OFFICE = "Policing body office"
    ADMINISTRATOR = "Administrator"


# The roles that open every self-assessment or the accounts themselves: given only by hand
# on Manage users (never by a single sign-on claim, never in the admin), and always with a
# second factor outside development.
GUARDED_ROLES = frozenset({Role.SPR_LEAD, Role.ADMINISTRATOR})


def _assignments():
    # By the user model's relation rather than an import: spr_portal imports no app.
    return get_user_model()._meta.get_field("role_assignments").related_model


def roles_of(user) -> frozenset[Role]:
    """The roles a signed-in user holds (cached on the user object for the request)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    held = getattr(user, "_spr_roles", None)
    if held is None:
        # Shared under the write stamp, keyed by the user: a role given or withdrawn is a
        # write, so the next request reads afresh.
        keys = cached(
            ("roles", user.pk),
            lambda: frozenset(
                _assignments().objects.filter(user=user).values_list("role", flat=True)
            ),
            reads=("accounts",),
        )
        held = frozenset(role for role in Role if role.value in keys)
        user._spr_roles = held
    return held


def acting_roles_of(user) -> frozenset[Role]:
    """The roles a user acts in today without holding them: the business lead's, while the
    SPR lead has named them a department's stand-in (threats/stand_ins.py says when; which
    department, `Department.objects.led_by`). Cached on the user object like `roles_of`."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    acting_roles = getattr(user, "_spr_acting", None)
    if acting_roles is None:
        # By the user model's relation rather than an import, as above.
        stand_ins = get_user_model()._meta.get_field("stand_ins").related_model
        # Keyed by the day as well (the stand-ins' own `today`, the local date): a stand-in's
        # dates begin and end without a write.
        acting = cached(
            ("acting", user.pk, timezone.localdate().isoformat()),
            lambda: stand_ins.objects.current().filter(person=user).exists(),
            reads=("threats",),
        )
        acting_roles = frozenset({Role.BUSINESS_LEAD}) if acting else frozenset()
        user._spr_acting = acting_roles
    return acting_roles


def holding(role: Role) -> Exists:
    """In a query of users: does this user hold `role`?"""
    return Exists(_assignments().objects.filter(user=OuterRef("pk"), role=role.value))


def holders_of(*roles: Role):
    """The active users who hold any of these roles (who to tell about a workflow step)."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            pk__in=_assignments().objects.filter(role__in=[r.value for r in roles]).values("user"),
        )
        .order_by("username")
    )
