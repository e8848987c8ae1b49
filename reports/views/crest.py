"""The administrator's page for the crest printed on the board paper's first page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from reports.forms import CrestForm
from reports.services.crest import force_crest_set
from spr_portal.access import Can, requires
from spr_portal.form_errors import add_service_errors, error_summary
from threats.force_profile import CREST_MAX_BYTES
from threats.models import ForceProfile


@require_http_methods(["GET", "POST"])
@requires(Can.ADMINISTER)
def force_crest(request):
    form = CrestForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and "remove" in request.POST:
        try:
            force_crest_set(actor=request.user, content=None)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Crest removed: new papers print none.")
        return redirect("reports:force_crest")
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["crest"]
        try:
            if upload.size > CREST_MAX_BYTES:  # before reading a large file into memory
                raise ValidationError(
                    f"The crest must be smaller than {CREST_MAX_BYTES // 1024} KB"
                )
            force_crest_set(actor=request.user, content=upload.read())
        except ValidationError as error:
            add_service_errors(form, ValidationError({"crest": error.messages}))
        else:
            messages.success(
                request, "Crest saved: papers drafted or published from now on print it."
            )
            return redirect("reports:force_crest")
    profile = ForceProfile.objects.defer("crest").first()
    return render(
        request,
        "reports/crest.html",
        {
            "form": form,
            "profile": profile,
            "max_kb": CREST_MAX_BYTES // 1024,
            "error_summary": error_summary(form),
        },
    )
