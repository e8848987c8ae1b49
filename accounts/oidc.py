"""Single sign-on through the force's OpenID Connect provider (mozilla-django-oidc):
authorization code flow with PKCE, configured from the environment. A first sign-in makes an
account with no role; the administrator's claim mappings (ClaimRoleMapping) give roles."""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import transaction
from django.http import Http404
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from accounts.models import ClaimRoleMapping, RoleAssignment
from audit.models import AuditAction
from audit.services import audit_record
from spr_portal.roles import GUARDED_ROLES, Role, roles_of


def mapped_roles(claims: dict) -> set[str]:
    """The roles the administrator's mappings give to these claims (never a guarded one)."""
    roles = set()
    known = {role.value for role in Role}
    for mapping in ClaimRoleMapping.objects.exclude(role__in=GUARDED_ROLES).filter(role__in=known):
        value = claims.get(mapping.claim)
        values = value if isinstance(value, list) else [value]
        if mapping.value in [str(v) for v in values if v is not None]:
            roles.add(mapping.role)
    return roles


class PortalOIDCBackend(OIDCAuthenticationBackend):
    """Matches the provider's `preferred_username` (Entra ID: the user principal name) to a
    portal username; nothing happens when single sign-on is not configured."""

    def __init__(self, *args, **kwargs):
        if settings.OIDC_ENABLED:
            super().__init__(*args, **kwargs)

    def authenticate(self, request, **kwargs):
        if not settings.OIDC_ENABLED:
            return None
        return super().authenticate(request, **kwargs)

    @staticmethod
    def username_from(claims: dict) -> str:
        return (claims.get("preferred_username") or claims.get("email") or "")[:150]

    def verify_claims(self, claims):
        return bool(self.username_from(claims)) and bool(claims.get("sub"))

    def filter_users_by_claims(self, claims):
        return self.UserModel.objects.filter(username__iexact=self.username_from(claims))

    def create_user(self, claims):
        with transaction.atomic():
            user = self.UserModel(
                username=self.username_from(claims),
                email=claims.get("email", ""),
                first_name=claims.get("given_name", "")[:150],
                last_name=claims.get("family_name", "")[:150],
            )
            user.set_unusable_password()
            user.save()
            audit_record(
                actor=None,
                actor_name="single sign-on",
                action=AuditAction.ACCOUNT_CREATED,
                obj=user,
                summary="First sign-in through single sign-on; no role until mapped",
            )
        return self.update_user(user, claims)

    def update_user(self, user, claims):
        """Add the roles the mappings give (roles given on the Manage users page stay)."""
        held = {role.value for role in roles_of(user)}
        missing = mapped_roles(claims) - held
        if missing:
            with transaction.atomic():
                RoleAssignment.objects.bulk_create(
                    [RoleAssignment(user=user, role=name) for name in missing]
                )
                audit_record(
                    actor=None,
                    actor_name="single sign-on",
                    action=AuditAction.ROLES_CHANGED,
                    obj=user,
                    summary="Granted by claim mapping: " + ", ".join(sorted(missing)),
                )
            user._spr_roles = None
        return user


def _only_when_configured(view):
    @login_not_required
    def wrapped(request, *args, **kwargs):
        if not settings.OIDC_ENABLED:
            raise Http404("Single sign-on is not configured.")
        return view(request, *args, **kwargs)

    return wrapped


sso_start = _only_when_configured(OIDCAuthenticationRequestView.as_view())
sso_callback = _only_when_configured(OIDCAuthenticationCallbackView.as_view())
