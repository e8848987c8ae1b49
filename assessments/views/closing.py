"""Closing a quarter (the unfinished list first) and granting late submissions after it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import dateformat
from django.views.decorators.http import require_http_methods

from assessments import services
from assessments.forms.late import LateSubmissionForm, deadline_hint
from assessments.models import Quarter
from assessments.selectors.closing import grants_of, unfinished
from assessments.views.review_common import posted
from spr_portal.access import Can, get_for_user, requires
from spr_portal.form_errors import error_summary, form_saved
from threats.naming import name_in


@require_http_methods(["GET", "POST"])
@requires(Can.MANAGE_QUARTERS)
def quarter_close(request, pk):
    """GET: what is unfinished, and a button to confirm. POST: close."""
    quarter = get_for_user(Quarter.objects.select_related("edition"), request.user, pk=pk)
    if request.method == "POST":
        try:
            services.quarter_close(quarter=quarter, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"{quarter.label} is closed to submissions.")
        return redirect("assessments:quarter_list")
    if not quarter.is_open:
        messages.error(request, f"{quarter.label} is already closed.")
        return redirect("assessments:quarter_list")
    return render(
        request,
        "assessments/review/quarter_close.html",
        {"quarter": quarter, "rows": unfinished(quarter)},
    )


@require_http_methods(["GET", "POST"])
@requires(Can.MANAGE_QUARTERS)
def late_submissions(request, pk):
    quarter = get_for_user(Quarter.objects.select_related("edition"), request.user, pk=pk)
    rows = unfinished(quarter)
    grantable = [row.threat for row in rows if row.may_be_granted]
    form = LateSubmissionForm(posted(request), threats=grantable)
    granted = form_saved(
        request,
        form,
        lambda data: services.late_submission_grant(
            quarter=quarter,
            threat=next(t for t in grantable if t.pk == data["threat"]),
            reason=data["reason"],
            deadline=data["deadline"],
            actor=request.user,
        ),
        done=lambda grant: (
            f"{name_in(grant.threat, quarter)} may now be started and submitted late "
            f"for {quarter.label}, until the end of {dateformat.format(grant.deadline, 'j F Y')}."
        ),
    )
    if granted:
        return redirect("assessments:late_submissions", pk=quarter.pk)
    return render(
        request,
        "assessments/review/late_submissions.html",
        {
            "quarter": quarter,
            "form": form,
            "grantable": grantable,
            "grants": grants_of(quarter),
            "deadline_hint": deadline_hint(),
            "error_summary": error_summary(form),
        },
    )
