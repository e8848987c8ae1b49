"""What the SPR expects, on the lead's self-assessment: each line of the threat's edition with
its answer and evidence, saved together (assessments/services/expectations.py). A refused save
(someone answered meanwhile, or it was submitted) shows what is saved now and the lead's own
answers back, to copy from, as a section does."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from assessments.forms.expectations import ExpectationsForm
from assessments.selectors.expectations import checklist, figure_lines
from assessments.services import ConcurrentEdit
from assessments.services.expectations import checklist_save
from assessments.views.lead import kept_lead_assessment
from assessments.workflow import TransitionNotAllowed
from spr_portal.form_errors import add_service_errors, error_summary

CONFLICT = (
    "Someone else answered these lines after you opened this page, so your answers have not "
    "been saved. The form now shows what is saved; yours are below it to copy from."
)
CLOSED = "These answers can no longer be changed: {reason} Your answers are below."


@require_http_methods(["GET", "POST"])
def assessment_expectations(request, pk):
    assessment = kept_lead_assessment(request.user, pk)
    if request.method == "GET" and not assessment.is_editable:
        messages.info(
            request,
            f"This self-assessment is {assessment.get_status_display().lower()}, so it cannot "
            "be changed.",
        )
        return redirect("assessments:assessment_edit", assessment.pk)
    lines, figures = checklist(assessment), figure_lines(assessment)
    if request.method == "GET":
        return _render(request, assessment, ExpectationsForm(checklist=lines, figures=figures))
    form = ExpectationsForm(request.POST, checklist=lines, figures=figures)
    if not form.is_valid():
        return _render(request, assessment, form)
    try:
        changed = checklist_save(
            assessment=assessment,
            actor=request.user,
            answers=form.posted(),
            figures=form.posted_figures(),
        )
    except ConcurrentEdit:
        fresh = ExpectationsForm(checklist=checklist(assessment), figures=figure_lines(assessment))
        return _render(
            request, assessment, fresh, refusal=CONFLICT, typed=form.typed_values(), status=409
        )
    except TransitionNotAllowed as refused:
        return _render(
            request,
            assessment,
            None,
            refusal=CLOSED.format(reason=refused),
            typed=form.typed_values(),
            status=409,
        )
    except ValidationError as invalid:
        add_service_errors(form, invalid)
        return _render(request, assessment, form)
    if changed:
        messages.success(request, "Your answers and figures are saved.")
    return redirect("assessments:assessment_edit", assessment.pk)


def _render(request, assessment, form, *, refusal="", typed=None, status=200):
    summary = error_summary(
        None if refusal else form,
        items=[(refusal.split(". ")[0] + ".", "#your-text")] if refusal else (),
        # A revision is hidden: its error ("out of date") heads the page.
        anchors={name: "#main-content" for name in form.fields if "revision-" in name}
        if form
        else None,
        non_field_href="#main-content",
    )
    return render(
        request,
        "assessments/lead/expectations.html",
        {
            "assessment": assessment,
            "form": form,
            "rows": form.rows() if form else [],
            "figure_rows": form.figure_rows() if form else [],
            "refusal": refusal,
            "typed": typed or [],
            "error_summary": summary,
        },
        status=status,
    )
