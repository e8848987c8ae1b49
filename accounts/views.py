from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from accounts.forms import CountedPasswordChangeForm, EmailSettingsForm
from accounts.lockout import minutes
from accounts.models import OPTIONAL_NOTICES, Notice
from accounts.notify import notices_for
from accounts.services import email_settings, email_settings_set, password_changed
from spr_portal.form_errors import add_service_errors, error_summary


@method_decorator(login_not_required, name="dispatch")
class PasswordSetView(auth_views.PasswordResetConfirmView):
    """The page a set-password link opens (accounts/services.py `password_link_send`)."""

    template_name = "accounts/password_set.html"
    success_url = reverse_lazy("login")

    def form_valid(self, form):
        response = super().form_valid(form)
        password_changed(user=form.user, request=self.request, how="Set from a one-time link")
        messages.success(self.request, "Your password is set. Sign in with it.")
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    """Self-service password change; Django keeps this session signed in and ends the others."""

    template_name = "accounts/password_change.html"
    form_class = CountedPasswordChangeForm
    success_url = reverse_lazy("home")

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"request": self.request}

    def form_valid(self, form):
        response = super().form_valid(form)
        password_changed(user=self.request.user, request=self.request)
        messages.success(self.request, "Your password has been changed.")
        return response


@require_POST
def stay_signed_in(request):
    """The timeout warning's 'Stay signed in': any request counts as activity, this one
    just says so. Without JavaScript the form posts here and returns to the page."""
    if request.headers.get("X-Requested-With") == "fetch":
        return HttpResponse(status=204)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        back = "home"
    return redirect(back)


@login_not_required
def locked_out(request, original_response=None, credentials=None):
    """Shown instead of any sign-in form while the account or the address is locked."""
    context = {
        "wait_minutes": minutes(settings.AXES_COOLOFF_TIME),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
    }
    return render(request, "accounts/locked_out.html", context, status=429)


@require_http_methods(["GET", "POST"])
def email_settings_view(request):
    """Which e-mails this user receives; anyone signed in chooses their own, among those that
    can reach their roles. A return and a meeting's action are always sent (the page says so and
    offers no box)."""
    reaching = notices_for(request.user)
    offered = [notice for notice in OPTIONAL_NOTICES if notice in reaching]
    if request.method == "POST":
        form = EmailSettingsForm(request.POST, offered=offered)
        if form.is_valid():
            try:
                changed = email_settings_set(user=request.user, wanted=form.chosen())
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    "Your e-mail settings are saved." if changed else "Nothing was changed.",
                )
                return redirect("accounts:email_settings")
    else:
        form = EmailSettingsForm(
            initial={"wanted": [notice.value for notice in email_settings(request.user)]},
            offered=offered,
        )
    return render(
        request,
        "accounts/email_settings.html",
        {
            "form": form,
            "offered": offered,
            "returns_reach": Notice.RETURNED in reaching,
            "meeting_actions_reach": Notice.MEETING_ACTION in reaching,
            "error_summary": error_summary(form),
        },
    )
