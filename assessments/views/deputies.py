"""The SPR lead names a quarter's sign-off deputies (assessments/signatories.py)."""

from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from assessments import services
from assessments.forms.deputies import DeputiesForm
from assessments.models import Quarter
from assessments.signatories import spr_leads
from assessments.views.review_common import posted
from spr_portal.access import Can, get_for_user, requires
from spr_portal.form_errors import error_summary, form_saved


@require_http_methods(["GET", "POST"])
@requires(Can.MANAGE_QUARTERS)
def quarter_deputies(request, pk):
    quarter = get_for_user(Quarter.objects.select_related("edition"), request.user, pk=pk)
    people = list(spr_leads())
    current = list(quarter.deputies.values_list("pk", flat=True))
    form = DeputiesForm(posted(request), people=people, initial={"deputies": current})
    named = form_saved(
        request,
        form,
        lambda data: services.quarter_name_deputies(
            quarter=quarter, deputies=data["deputies"], actor=request.user
        ),
        done=f"Sign-off deputies for {quarter.label} saved.",
    )
    if named:
        return redirect("assessments:quarter_list")
    return render(
        request,
        "assessments/review/quarter_deputies.html",
        {"quarter": quarter, "form": form, "error_summary": error_summary(form)},
    )
