"""The SPR lead names a quarter's sign-off deputies (assessments/signatories.py)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from assessments import services
from assessments.forms.deputies import DeputiesForm
from assessments.models import Quarter
from assessments.signatories import spr_leads
from assessments.views.review_common import posted
from spr_portal.access import Can, get_for_user, requires
from spr_portal.form_errors import add_service_errors, error_summary


@require_http_methods(["GET", "POST"])
@requires(Can.MANAGE_QUARTERS)
def quarter_deputies(request, pk):
    quarter = get_for_user(Quarter.objects.select_related("edition"), request.user, pk=pk)
    people = list(spr_leads())
    current = list(quarter.deputies.values_list("pk", flat=True))
    form = DeputiesForm(posted(request), people=people, initial={"deputies": current})
    if request.method == "POST" and form.is_valid():
        try:
            services.quarter_name_deputies(
                quarter=quarter, deputies=form.cleaned_data["deputies"], actor=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Sign-off deputies for {quarter.label} saved.")
            return redirect("assessments:quarter_list")
    return render(
        request,
        "assessments/review/quarter_deputies.html",
        {"quarter": quarter, "form": form, "error_summary": error_summary(form)},
    )
