"""The second factor (TOTP with recovery codes, django-otp): who must use it, enrolment,
and the middleware that holds a signed-in user at the second step until they pass it."""

import io

from django.conf import settings
from django.db import transaction
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.functional import LazyObject, empty
from django.utils.http import urlencode
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import AuditAction
from audit.services import audit_record
from spr_portal.cache_stamp import cached
from spr_portal.roles import GUARDED_ROLES, roles_of

# Whether the signed-in user has a second factor, kept in the session so that a page does not
# ask the database on every request; set at sign-in and when one is set up.
HAS_DEVICE = "accounts_has_second_factor"
RECOVERY_CODES = 10
# Pages a user part-way through signing in may still open.
OPEN_BEFORE_SECOND_STEP = {
    "login",
    "logout",
    "healthz",
    "readyz",
    "help",
    "accessibility",
    "privacy",
    "signed_out",
    "accounts:two_factor_setup",
    "accounts:two_factor_verify",
    "accounts:stay_signed_in",
    "admin:login",
    "admin:logout",
}


def second_factor_required(user) -> bool:
    """The guarded roles and superusers whenever DEBUG is off (the setting is
    derived from DEBUG, never set on its own), plus the roles an administrator listed."""
    from accounts.models import SecondFactorRequirement

    if not settings.SECOND_FACTOR_REQUIRED:
        return False
    roles = roles_of(user)
    if user.is_superuser or roles & GUARDED_ROLES:
        return True
    listed = cached(
        "second_factor_roles",
        lambda: frozenset(SecondFactorRequirement.objects.values_list("role", flat=True)),
        reads=("accounts",),
    )
    return any(role.value in listed for role in roles)


def has_device(request) -> bool:
    known = request.session.get(HAS_DEVICE)
    if known is None:
        known = request.session[HAS_DEVICE] = user_has_device(request.user)
    return known


def totp_device_pending(*, user) -> TOTPDevice:
    """The authenticator being set up (not yet confirmed), made on first visit."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)


def totp_qr_svg(device: TOTPDevice) -> str:
    import segno

    out = io.BytesIO()
    segno.make(device.config_url).save(out, kind="svg", scale=5, xmldecl=False, svgns=True)
    return out.getvalue().decode()


def totp_device_confirm(*, device: TOTPDevice, token: str, actor) -> list[str] | None:
    """Confirm the authenticator with a code from it; returns new recovery codes, or None
    if the code is wrong. Any earlier authenticator and recovery codes are replaced."""
    if device.user_id != actor.pk or not device.verify_token(token):
        return None
    with transaction.atomic():
        replaced, _ = TOTPDevice.objects.filter(user=actor).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        audit_record(
            actor=actor,
            action=AuditAction.SECOND_FACTOR_SET_UP,
            obj=actor,
            summary=("Authenticator replaced" if replaced else "Authenticator set up")
            + "; new recovery codes",
        )
        return recovery_codes_replace(user=actor)


def recovery_codes_replace(*, user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    static = StaticDevice.objects.create(user=user, name="Recovery codes")
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=static, token=code) for code in codes)
    return codes


def second_factor_failed(*, request) -> None:
    """A wrong code at the second step, on the audit trail (django-otp slows the next tries)."""
    audit_record(
        actor=request.user,
        action=AuditAction.SECOND_FACTOR_FAILED,
        ip_address=request.META.get("REMOTE_ADDR"),
    )


class SecondFactorMiddleware:
    """A user who has a second factor, or must have one, sees nothing else until verified.

    From here on the request's user is the user itself, not the two lazy wrappers Django's
    and django-otp's middleware put around it (`the_user`): a page asks it some six hundred
    things (the menu, the access checks, the templates), each through both wrappers, 0.3 ms
    of a refused save's 5.7 (docs/benchmarks.md)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None:
            user = request.user = the_user(user)
        if user is not None and user.is_authenticated and not user.is_verified():
            try:
                name = resolve(request.path_info).view_name
            except Resolver404:
                name = None
            if name is not None and name not in OPEN_BEFORE_SECOND_STEP:
                query = urlencode({"next": request.get_full_path()})
                if has_device(request):
                    return redirect(f"{reverse('accounts:two_factor_verify')}?{query}")
                if second_factor_required(user):
                    return redirect(f"{reverse('accounts:two_factor_setup')}?{query}")
        return self.get_response(request)


def the_user(user):
    """The user behind any lazy wrappers (each worked out now, as the first question asked of
    it would): the signed-in user, with what django-otp set on it, or the anonymous one."""
    while isinstance(user, LazyObject):
        if user._wrapped is empty:
            user._setup()
        user = user._wrapped
    return user
