"""The SPR lead's management of quarters: create, change dates, open and close."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from assessments import services
from assessments.forms.review import QuarterCreateForm, QuarterDatesForm
from assessments.models import Quarter
from assessments.views.review_common import posted
from spr_portal.access import Can, get_for_user, requires
from spr_portal.form_errors import error_summary, form_saved


@require_http_methods(["GET"])
@requires(Can.MANAGE_QUARTERS)
def quarter_list(request):
    quarters = list(Quarter.objects.visible_to(request.user).select_related("edition"))
    log = services.quarter_log(quarters)
    for quarter in quarters:
        quarter.log_entries = log.get(quarter.pk, [])[:3]
    return render(
        request,
        "assessments/review/quarter_list.html",
        {"quarters": quarters, "open_quarter": next((q for q in quarters if q.is_open), None)},
    )


@require_http_methods(["GET", "POST"])
@requires(Can.MANAGE_QUARTERS)
def quarter_new(request):
    return _quarter_form(
        request,
        QuarterCreateForm(posted(request)),
        lambda data: services.quarter_create(actor=request.user, **data),
        lambda quarter: f"{quarter.label} created. It is closed until you open it.",
    )


@require_http_methods(["GET", "POST"])
@requires(Can.MANAGE_QUARTERS)
def quarter_edit(request, pk):
    quarter = get_for_user(Quarter.objects, request.user, pk=pk)
    dates = {
        "submission_deadline": quarter.submission_deadline,
        "meeting_date": quarter.meeting_date,
    }
    return _quarter_form(
        request,
        QuarterDatesForm(posted(request), initial=dates),
        lambda data: services.quarter_update(quarter=quarter, actor=request.user, **data),
        lambda saved: f"Dates of {saved.label} saved.",
        quarter=quarter,
    )


def _quarter_form(request, form, save, done, *, quarter=None):
    """The quarter form: saved through its service (whose refusals go on the form), then
    back to the list; or the form again, with the GOV.UK error summary."""
    if form_saved(request, form, save, done=done):
        return redirect("assessments:quarter_list")
    return render(
        request,
        "assessments/review/quarter_form.html",
        {"form": form, "error_summary": error_summary(form), "quarter": quarter},
    )


def _open_or_close(request, pk, service, done: str):
    quarter = get_for_user(Quarter.objects, request.user, pk=pk)
    try:
        service(quarter=quarter, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{quarter.label} {done}.")
    return redirect("assessments:quarter_list")


@require_POST
@requires(Can.MANAGE_QUARTERS)
def quarter_open(request, pk):
    return _open_or_close(request, pk, services.quarter_open, "is open for submissions")
