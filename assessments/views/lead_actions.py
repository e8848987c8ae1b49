"""The improvement actions section: the actions shown on this assessment (open ones carried
forward from earlier quarters), and adding, changing and closing them."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assessments import services
from assessments.forms.lead_actions import ActionEditForm, ActionForm
from assessments.models import ImprovementAction
from assessments.selectors.lead import actions_of, latest_return
from assessments.views.lead import get_lead_assessment
from assessments.workflow import TransitionNotAllowed
from spr_portal.form_errors import add_service_errors, error_summary

ACTION_CONFLICT = (
    "Someone else changed this improvement action after you opened this page, so your "
    "changes have not been saved. The form now shows what they saved; your text is below."
)


def _editable_assessment(request, pk):
    """The assessment, or a redirect to its read-only page once it can no longer change.
    Forms are posted on to the service, which refuses them with the lead's text kept."""
    assessment = get_lead_assessment(request.user, pk)
    if assessment.is_editable or request.method == "POST":
        return assessment, None
    messages.info(
        request,
        f"This self-assessment is {assessment.get_status_display().lower()}, so its "
        "improvement actions cannot be changed here.",
    )
    return assessment, redirect("assessments:assessment_edit", assessment.pk)


def _citable(assessment):
    return list(services.cited_by_threat(assessment.threat_id))


def _action_of(assessment, action_id) -> ImprovementAction:
    return get_object_or_404(ImprovementAction.objects.for_assessment(assessment), pk=action_id)


@require_GET
def action_list(request, pk):
    assessment, closed = _editable_assessment(request, pk)
    if closed:
        return closed
    note = latest_return(assessment)
    return render(
        request,
        "assessments/lead/actions.html",
        {
            "assessment": assessment,
            "actions": actions_of(assessment),
            "section_comment": note.sections.get("actions", "") if note else "",
            "note": note,
        },
    )


@require_http_methods(["GET", "POST"])
def action_add(request, pk):
    assessment, closed = _editable_assessment(request, pk)
    if closed:
        return closed
    form = ActionForm(request.POST or None, recommendations=_citable(assessment))
    if request.method == "POST" and form.is_valid():
        fields = form.service_fields()
        saved = _saved(
            request,
            form,
            lambda: services.action_add(assessment=assessment, actor=request.user, **fields),
            done="Improvement action added.",
        )
        if saved:
            return redirect("assessments:action_list", assessment.pk)
    return _render_form(request, assessment, form, action=None)


@require_http_methods(["GET", "POST"])
def action_edit(request, pk, action_id):
    assessment, closed = _editable_assessment(request, pk)
    if closed:
        return closed
    action = _action_of(assessment, action_id)
    form = ActionEditForm(request.POST or None, action=action, recommendations=_citable(assessment))
    if request.method == "POST" and form.is_valid():
        try:
            saved = _saved(
                request,
                form,
                lambda: services.action_edit(
                    assessment=assessment,
                    action=action,
                    actor=request.user,
                    revision=form.cleaned_data["revision"],
                    **form.service_fields(),
                ),
                done="Improvement action saved.",
            )
        except services.ConcurrentEdit:
            action.refresh_from_db()
            fresh = ActionEditForm(action=action, recommendations=_citable(assessment))
            typed = {name: request.POST.get(name, "") for name in ("description", "owner")}
            return _render_form(
                request, assessment, fresh, action=action, refusal=ACTION_CONFLICT, typed=typed
            )
        if saved:
            return redirect("assessments:action_list", assessment.pk)
    return _render_form(request, assessment, form, action=action)


def _saved(request, form, save, *, done: str) -> bool:
    """Save through the service: a refusal goes on the form, a success into the messages."""
    try:
        save()
    except TransitionNotAllowed as refused:
        form.add_error(None, str(refused))
    except ValidationError as refused:
        add_service_errors(form, refused)
    else:
        messages.success(request, done)
        return True
    return False


def _render_form(request, assessment, form, *, action, refusal="", typed=None):
    # A refused edit shows a fresh form, without errors: the summary links to the text.
    summary = error_summary(
        form,
        items=[(refusal.split(". ")[0] + ".", "#your-text")] if refusal else (),
        non_field_href="#id_description",
    )
    return render(
        request,
        "assessments/lead/action_form.html",
        {
            "assessment": assessment,
            "form": form,
            "action": action,
            "refusal": refusal,
            "typed": typed or {},
            "error_summary": summary,
        },
        status=409 if refusal else 200,
    )


@require_POST
def action_close(request, pk, action_id):
    assessment, closed = _editable_assessment(request, pk)
    if closed:
        return closed
    action = _action_of(assessment, action_id)
    try:
        services.action_close(assessment=assessment, action=action, actor=request.user)
    except TransitionNotAllowed as refused:
        messages.error(request, str(refused))
        return redirect("assessments:assessment_edit", assessment.pk)
    messages.success(request, f"Improvement action closed: {action.description[:80]}")
    return redirect("assessments:action_list", assessment.pk)
