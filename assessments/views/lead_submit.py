"""Submitting and withdrawing: "Check your answers" (every section with a Change link, then
the declaration), the submission itself, and the withdrawal of a submission that nobody has
started reviewing (GOV.UK "check answers" pattern)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from assessments import services
from assessments.forms.submission import STALE, DeclarationForm, WithdrawForm
from assessments.items import SECTIONS
from assessments.models.records import WorkflowAction
from assessments.rules import missing_for_submission
from assessments.selectors.contributions import contributions_of
from assessments.selectors.evidence import evidence_of
from assessments.selectors.expectations import expectations_of, figures_of
from assessments.selectors.lead import actions_of, section_values
from assessments.selectors.submission import unchanged_from_last_quarter
from assessments.views.lead import (
    _task_list_context,
    get_lead_assessment,
    section_url,
    submission_refusals,
)
from assessments.workflow import TransitionNotAllowed, refusal
from spr_portal.form_errors import error_summary


def _check_page(request, assessment, form, *, status=200):
    values = section_values(assessment)
    rows = [
        (code, label, values.get(code), section_url(assessment, code)) for code, label in SECTIONS
    ]
    missing = missing_for_submission(assessment)
    return render(
        request,
        "assessments/lead/check_answers.html",
        {
            "assessment": assessment,
            "rows": rows,
            "actions": actions_of(assessment),
            "evidence": evidence_of(assessment, request.user),
            "contributions": contributions_of(assessment),
            "expectations": expectations_of(assessment),
            "figures": figures_of(assessment),
            "form": form,
            "missing": submission_refusals(assessment, missing),
            "unchanged": unchanged_from_last_quarter(assessment),
            "error_summary": error_summary(form, anchors={"revision": "#main-content"}),
        },
        status=status,
    )


def _not_now(request, action, assessment, *, tell=messages.error):
    """When the step cannot be taken now: say why, and back to the task list (else None)."""
    refused = refusal(action, assessment, request.user)
    return _to_task_list(request, assessment, refused, tell=tell) if refused else None


def _to_task_list(request, assessment, why: str, *, tell=messages.error):
    tell(request, why)
    return redirect("assessments:assessment_edit", assessment.pk)


def _you(did: str, assessment) -> str:
    """The start of what the lead is told after a step: which self-assessment, which quarter."""
    return f"You {did} the {assessment.threat_name} self-assessment for {assessment.quarter.label}"


@require_http_methods(["GET"])
def assessment_check(request, pk):
    """Check your answers before submitting: read-only summary, Change links, declaration."""
    assessment = get_lead_assessment(request.user, pk)
    if back := _not_now(request, WorkflowAction.SUBMITTED, assessment, tell=messages.info):
        return back
    return _check_page(request, assessment, DeclarationForm(assessment=assessment))


@require_POST
def assessment_submit(request, pk):
    assessment = get_lead_assessment(request.user, pk)
    # Submitted meanwhile (another tab), or closed: nothing to declare.
    if back := _not_now(request, WorkflowAction.SUBMITTED, assessment):
        return back
    form = DeclarationForm(request.POST, assessment=assessment)
    if not form.is_valid():
        return _check_page(request, assessment, form)
    if form.cleaned_data["revision"] != assessment.revision:
        # Changed in another tab since the lead checked it: check again what is submitted.
        messages.error(request, f"{STALE}: it was changed after you opened this page.")
        return redirect("assessments:assessment_check", assessment.pk)
    try:
        services.assessment_submit(assessment=assessment, actor=request.user)
    except services.IncompleteAssessment as refused:
        return render(
            request,
            "assessments/lead/task_list.html",
            _task_list_context(assessment, missing=refused.missing),
        )
    except TransitionNotAllowed as refused:
        return _to_task_list(request, assessment, str(refused))
    messages.success(
        request,
        _you("submitted", assessment)
        + " for review. You can withdraw it until the SPR lead starts reviewing it.",
    )
    return redirect("assessments:my_assessments")


@require_http_methods(["GET", "POST"])
def assessment_withdraw(request, pk):
    """Take a submission back to draft, with a confirmation, until its review has started."""
    assessment = get_lead_assessment(request.user, pk)
    if back := _not_now(request, WorkflowAction.WITHDRAWN, assessment):
        return back
    form = WithdrawForm(request.POST if request.method == "POST" else None, assessment=assessment)
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_withdraw(
                assessment=assessment,
                actor=request.user,
                revision=form.cleaned_data["revision"],
            )
        except (TransitionNotAllowed, services.ConcurrentEdit) as error:
            return _to_task_list(request, assessment, str(error))
        messages.success(
            request,
            _you("withdrew", assessment)
            + ". Change what you need and submit it again when it is ready.",
        )
        return redirect("assessments:assessment_edit", assessment.pk)
    return render(
        request,
        "assessments/lead/withdraw.html",
        {"assessment": assessment, "form": form, "error_summary": error_summary(form)},
    )
