"""The API tokens page: a user's own tokens, creating one (shown once) and revoking one."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from api.forms import TokenForm
from api.models import ApiToken
from api.services import token_create, token_revoke
from spr_portal.access import Can, get_for_user, requires
from spr_portal.form_errors import add_service_errors, error_summary


@require_http_methods(["GET", "POST"])
@requires(Can.USE_API)
def token_list(request):
    form = TokenForm(request.POST if request.method == "POST" else None)
    created = None
    if request.method == "POST" and form.is_valid():
        try:
            token, raw = token_create(**form.cleaned_data, actor=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            created = {"token": token, "raw": raw}
            form = TokenForm()
    return render(
        request,
        "api/tokens.html",
        {
            "form": form,
            "error_summary": error_summary(form),
            "created": created,
            "tokens": ApiToken.objects.visible_to(request.user),
        },
    )


@require_POST
@requires(Can.USE_API)
def token_revoke_view(request, pk):
    token = get_for_user(ApiToken.objects, request.user, pk=pk)
    token_revoke(token=token, actor=request.user)
    messages.success(request, f"Token “{token.name}” revoked: it no longer works.")
    return redirect("api:tokens")
