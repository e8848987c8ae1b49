"""The SPR lead's management of quarters: create, change dates, open and close."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from assessments import services
from assessments.forms.review import QuarterCreateForm, QuarterDatesForm
from assessments.models import Quarter
from assessments.views.review_common import error_list, posted
from spr_portal.access import Can, get_for_user, requires

# The radios' first option is the target of the error summary's link.
_RADIO_ANCHORS = {
    "number": "id_number_0",
    "edition": "id_edition_0",
}


def _add_service_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            for message in errors:
                form.add_error(field if field in form.fields else None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


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
    form = QuarterCreateForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            quarter = services.quarter_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            messages.success(request, f"{quarter.label} created. It is closed until you open it.")
            return redirect("assessments:quarter_list")
    return render(
        request,
        "assessments/review/quarter_form.html",
        {"form": form, "errors": error_list(form, _RADIO_ANCHORS), "quarter": None},
    )


@require_http_methods(["GET", "POST"])
@requires(Can.MANAGE_QUARTERS)
def quarter_edit(request, pk):
    quarter = get_for_user(Quarter.objects, request.user, pk=pk)
    form = QuarterDatesForm(
        posted(request),
        initial={
            "submission_deadline": quarter.submission_deadline,
            "meeting_date": quarter.meeting_date,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.quarter_update(quarter=quarter, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            messages.success(request, f"Dates of {quarter.label} saved.")
            return redirect("assessments:quarter_list")
    return render(
        request,
        "assessments/review/quarter_form.html",
        {"form": form, "errors": error_list(form, _RADIO_ANCHORS), "quarter": quarter},
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
