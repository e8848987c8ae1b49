"""Setting a threat's contributing departments for a quarter: the threat's business lead (from
the task list) or the SPR lead (from the self-assessment's page)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from assessments.forms.contributors import ContributorsForm
from assessments.models import Assessment
from assessments.services import ConcurrentEdit, assessment_contributors_set
from assessments.services.contributors import contributor_choices, may_set_contributors
from assessments.views.lead import get_lead_assessment
from spr_portal.access import Can, get_for_user, may, requires
from spr_portal.form_errors import add_service_errors, error_summary

STALE = (
    "Someone else changed this self-assessment after you opened this page: the form now "
    "shows what is saved. Choose again and save."
)


def _assessment(user, pk) -> Assessment:
    if may(user, Can.REVIEW):
        qs = Assessment.objects.select_related("quarter", "threat__owning_department")
        return get_for_user(qs, user, pk=pk)
    return get_lead_assessment(user, pk)


def _back(request, assessment) -> str:
    if may(request.user, Can.REVIEW):
        return "assessments:assessment_detail"
    return "assessments:assessment_edit"


@require_http_methods(["GET", "POST"])
@requires(Can.SET_CONTRIBUTORS)
def assessment_contributors(request, pk):
    assessment = _assessment(request.user, pk)
    choices = list(contributor_choices(assessment))
    data = request.POST if request.method == "POST" else None
    form = ContributorsForm(data, assessment=assessment, choices=choices)
    editable = may_set_contributors(assessment, request.user)
    refusals = []
    if data is not None and form.is_valid():
        try:
            assessment_contributors_set(
                assessment=assessment,
                actor=request.user,
                departments=form.chosen(),
                revision=form.cleaned_data["revision"],
            )
        except ConcurrentEdit as conflict:
            # A fresh form with what is saved now; the refusal heads the page.
            form = ContributorsForm(assessment=conflict.current, choices=choices)
            refusals = [(STALE, "#departments")]
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Contributing departments saved.")
            return redirect(_back(request, assessment), assessment.pk)
    return render(
        request,
        "assessments/contributors.html",
        {
            "assessment": assessment,
            "form": form,
            "editable": editable,
            "back": _back(request, assessment),
            "error_summary": error_summary(
                None if refusals else form, items=refusals, non_field_href="#departments"
            ),
        },
    )
