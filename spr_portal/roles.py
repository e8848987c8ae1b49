"""The roles of PRODUCT.md, as Django groups, and which of them a user holds.

The groups are created by a data migration of the threats app. What each role may do is the
table in spr_portal/access.py; which objects it may see, each model's `visible_to(user)`.
"""

from enum import StrEnum


class Role(StrEnum):
    BUSINESS_LEAD = "Business lead"
    SPR_LEAD = "SPR lead"
    CHIEF_OFFICER_LEAD = "Chief officer lead"
    POLICING_BODY_OFFICE = "Policing body office"
    ADMINISTRATOR = "Administrator"


def roles_of(user) -> frozenset[Role]:
    """The roles a signed-in user holds (cached on the user object for the request)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, "_spr_roles", None)
    if cached is None:
        names = set(user.groups.values_list("name", flat=True))
        cached = frozenset(role for role in Role if role.value in names)
        user._spr_roles = cached
    return cached


def holders_of(*roles: Role):
    """The active users who hold any of these roles (who to tell about a workflow step)."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=[role.value for role in roles])
        .distinct()
        .order_by("username")
    )
