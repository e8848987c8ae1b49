"""The roles of PRODUCT.md, as Django groups, and the questions every app asks of a user.

The groups themselves are created by a data migration of the threats app. Which *objects* a
role may see is answered by each app's `visible_to(user)` QuerySet method; this module only
answers "which roles does this user hold".
"""

from enum import StrEnum


class Role(StrEnum):
    BUSINESS_LEAD = "Business lead"
    SPR_LEAD = "SPR lead"
    CHIEF_OFFICER_LEAD = "Chief officer lead"
    PCC_OFFICE = "PCC office"
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


def has_role(user, role: Role) -> bool:
    return role in roles_of(user)


def is_spr_lead(user) -> bool:
    return has_role(user, Role.SPR_LEAD)


def is_business_lead(user) -> bool:
    return has_role(user, Role.BUSINESS_LEAD)


def is_chief_officer_lead(user) -> bool:
    return has_role(user, Role.CHIEF_OFFICER_LEAD)


def is_pcc_office(user) -> bool:
    return has_role(user, Role.PCC_OFFICE)


def is_administrator(user) -> bool:
    return has_role(user, Role.ADMINISTRATOR) or getattr(user, "is_superuser", False)
