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

from accounts.forms import AuthenticatorSetupForm, SecurityCodeForm
from accounts.second_factor import (
    HAS_DEVICE,
    second_factor_failed,
    totp_device_confirm,
    totp_device_pending,
    totp_qr_svg,
)
from spr_portal.form_errors import error_summary

CODE_ERROR = "Enter the 6-digit code shown in your authenticator app"
VERIFY_ERROR = "Enter a valid code from your authenticator app, or one of your recovery codes"
PASSWORD_ERROR = "Enter your current password"  # noqa: S105  (words on the page)


def _password_confirmed(request, password: str) -> bool:
    """The account's password, checked by signing in again: a wrong one counts towards the
    lock-out like any failed sign-in (a stolen, verified session cannot guess it)."""
    user = authenticate(request, username=request.user.get_username(), password=password)
    return user is not None and user.pk == request.user.pk


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("home")


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
    form = AuthenticatorSetupForm(
        request.POST if request.method == "POST" else None, needs_password=replacing
    )
    if not form.is_valid():
        pass
    elif replacing and not _password_confirmed(request, form.cleaned_data["password"]):
        form.add_error("password", PASSWORD_ERROR)
    else:
        code = form.cleaned_data["code"]
        codes = totp_device_confirm(device=device, token=code, actor=request.user) if code else None
        if codes:
            django_otp.login(request, device)
            request.session[HAS_DEVICE] = True
            return render(
                request, "accounts/recovery_codes.html", {"codes": codes, "next": _next(request)}
            )
        form.refuse(CODE_ERROR)
    context = {
        # segno's SVG: made by us from the device's own key, no user text in it.
        "qr_svg": mark_safe(totp_qr_svg(device)),  # noqa: S308
        "key": device.config_url.split("secret=")[1].split("&")[0],
        "form": form,
        "error_summary": error_summary(form),
        "next": _next(request),
    }
    return render(request, "accounts/two_factor_setup.html", context, status=200)


@require_http_methods(["GET", "POST"])
def two_factor_verify(request):
    """The code after the password. django-otp slows down repeated wrong codes per device."""
    # The account's devices may have changed since sign-in (an administrator removed them).
    request.session[HAS_DEVICE] = user_has_device(request.user)
    form = SecurityCodeForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        # An empty code is tried too: django-otp counts it as a wrong one.
        device = django_otp.match_token(request.user, form.cleaned_data["code"])
        if device is not None:
            django_otp.login(request, device)
            request.session.cycle_key()
            if device.__class__.__name__ == "StaticDevice":
                left = device.token_set.count()
                messages.info(request, f"You used a recovery code. You have {left} left.")
            return redirect(_next(request))
        second_factor_failed(request=request)
        form.refuse(VERIFY_ERROR)
    context = {"form": form, "error_summary": error_summary(form), "next": _next(request)}
    return render(request, "accounts/two_factor_verify.html", context)
