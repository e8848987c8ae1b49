from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from accounts.lockout import minutes


class PasswordChangeView(auth_views.PasswordChangeView):
    """Self-service password change; Django keeps this session signed in and ends the others."""

    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("home")

    def form_valid(self, form):
        response = super().form_valid(form)
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
