"""The SPR lead names a business lead's stand-in for a department, from one date to another,
and may end one early (assessments/services/stand_ins.py; the rule: threats/stand_ins.py)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from assessments import services
from assessments.forms.stand_ins import StandInForm
from assessments.selectors.stand_ins import stand_ins_page
from assessments.views.review_common import posted
from spr_portal.access import Can, get_for_user, requires
from spr_portal.form_errors import error_summary, form_saved
from spr_portal.params import id_param
from spr_portal.wording import person_name
from threats.models import DepartmentStandIn


@require_http_methods(["GET", "POST"])
@requires(Can.NAME_STAND_INS)
def stand_ins(request):
    page = stand_ins_page(request.user)
    initial = {"department": id_param(request.GET.get("department"))}
    form = StandInForm(
        posted(request), departments=page.departments, people=page.people, initial=initial
    )
    named = form_saved(
        request,
        form,
        lambda data: services.stand_in_name(
            department=next(d for d in page.departments if d.pk == data["department"]),
            person=next(p for p in page.people if p.pk == data["person"]),
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            reason=data["reason"],
            actor=request.user,
        ),
        done=lambda stand_in: (
            f"{person_name(stand_in.person)} stands in as business lead of "
            f"{stand_in.department} from {stand_in.dates}."
        ),
    )
    if named:
        return redirect("assessments:stand_ins")
    return render(
        request,
        "assessments/review/stand_ins.html",
        {"page": page, "form": form, "error_summary": error_summary(form)},
    )


@require_POST
@requires(Can.NAME_STAND_INS)
def stand_in_end(request, pk):
    stand_in = get_for_user(
        DepartmentStandIn.objects.select_related("department", "person"), request.user, pk=pk
    )
    try:
        services.stand_in_end(stand_in=stand_in, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            f"{person_name(stand_in.person)} no longer stands in for {stand_in.department}.",
        )
    return redirect("assessments:stand_ins")
