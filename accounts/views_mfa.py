"""The second sign-in step: set up an authenticator app (with recovery codes), and enter a
code from it (or a recovery code) after the password."""

import django_otp
from django.contrib import messages
from django.contrib.auth import authenticate
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods
from django_otp import user_has_device

from accounts.second_factor import (
    HAS_DEVICE,
    second_factor_failed,
    totp_device_confirm,
    totp_device_pending,
    totp_qr_svg,
)

CODE_ERROR = "Enter the 6-digit code shown in your authenticator app"
PASSWORD_ERROR = "Enter your current password"  # noqa: S105  (words on the page)


def _password_confirmed(request) -> bool:
    """The account's password, checked by signing in again: a wrong one counts towards the
    lock-out like any failed sign-in (a stolen, verified session cannot guess it)."""
    user = authenticate(
        request, username=request.user.get_username(), password=request.POST.get("password", "")
    )
    return user is not None and user.pk == request.user.pk


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("home")


def _code(request) -> str:
    return "".join(request.POST.get("code", "").split())


@require_http_methods(["GET", "POST"])
def two_factor_setup(request):
    """Scan the QR code (or type the key), then enter a code to prove it works."""
    if user_has_device(request.user) and not request.user.is_verified():
        # Replacing the authenticator needs the present one first.
        return redirect(reverse("accounts:two_factor_verify"))
    # Replacing an authenticator also needs the password: a verified session left open must
    # not be enough to move the second factor to someone else's phone.
    replacing = user_has_device(request.user)
    device = totp_device_pending(user=request.user)
    error = error_field = None
    if request.method == "POST" and replacing and not _password_confirmed(request):
        error, error_field = PASSWORD_ERROR, "password"
    elif request.method == "POST":
        code = _code(request)
        codes = totp_device_confirm(device=device, token=code, actor=request.user) if code else None
        if codes:
            django_otp.login(request, device)
            request.session[HAS_DEVICE] = True
            return render(
                request, "accounts/recovery_codes.html", {"codes": codes, "next": _next(request)}
            )
        error, error_field = CODE_ERROR, "code"
    context = {
        # segno's SVG: made by us from the device's own key, no user text in it.
        "qr_svg": mark_safe(totp_qr_svg(device)),  # noqa: S308
        "key": device.config_url.split("secret=")[1].split("&")[0],
        "error": error,
        "error_field": error_field,
        "password_error": error if error_field == "password" else None,
        "code_error": error if error_field == "code" else None,
        "replacing": replacing,
        "next": _next(request),
    }
    return render(request, "accounts/two_factor_setup.html", context, status=200)


@require_http_methods(["GET", "POST"])
def two_factor_verify(request):
    """The code after the password. django-otp slows down repeated wrong codes per device."""
    error = None
    # The account's devices may have changed since sign-in (an administrator removed them).
    request.session[HAS_DEVICE] = user_has_device(request.user)
    if request.method == "POST":
        device = django_otp.match_token(request.user, _code(request))
        if device is not None:
            django_otp.login(request, device)
            request.session.cycle_key()
            if device.__class__.__name__ == "StaticDevice":
                left = device.token_set.count()
                messages.info(request, f"You used a recovery code. You have {left} left.")
            return redirect(_next(request))
        second_factor_failed(request=request)
        error = "Enter a valid code from your authenticator app, or one of your recovery codes"
    return render(
        request, "accounts/two_factor_verify.html", {"error": error, "next": _next(request)}
    )
