"""A contributing department's business lead adds their text to a section of another
department's self-assessment (from its record, assessments:assessment_detail). Only the
self-assessments their departments are recorded as contributing to exist for them here."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from assessments.forms.contributions import ContributionForm
from assessments.models import Assessment, Contribution
from assessments.selectors.contributions import SECTION_LABELS, contributions_to_section
from assessments.selectors.lead import section_values
from assessments.services import ConcurrentEdit, contribution_save
from assessments.services.contributions import (
    closed_to_contributions,
    departments_contributing_as,
)
from assessments.workflow import TransitionNotAllowed
from spr_portal.access import Can, get_for_user, requires
from spr_portal.form_errors import add_service_errors, error_summary
from spr_portal.params import id_param

CONFLICT = (
    "Someone else in your department saved a contribution to this section after you opened "
    "this page, so yours has not been saved. Their text is now in the box; yours is beside "
    "it to copy from."
)


def _section_code(section: str) -> str:
    code = section.replace("-", "_")
    if code not in SECTION_LABELS:
        raise Http404("No such section")
    return code


def _department(request, departments):
    """The department the lead writes for: the one asked for (`?department=`) among those
    they lead that contribute, else the first."""
    asked = id_param(request.GET.get("department"))
    return next((d for d in departments if d.pk == asked), departments[0])


@require_http_methods(["GET", "POST"])
@requires(Can.CONTRIBUTE)
def contribution_edit(request, pk, section):
    assessment = get_for_user(
        Assessment.objects.with_threat().with_threat_name().contributed_to_by(request.user),
        request.user,
        pk=pk,
    )
    code = _section_code(section)
    departments = departments_contributing_as(assessment, request.user)
    if not departments:
        raise Http404("Not a self-assessment your department contributes to")
    department = _department(request, departments)
    current = Contribution.objects.filter(
        assessment=assessment, section=code, department=department
    ).first()
    page = {
        "assessment": assessment,
        "code": code,
        "label": SECTION_LABELS[code],
        "department": department,
        "departments": departments,
        "current": current,
    }
    closed = closed_to_contributions(assessment)
    if request.method == "GET":
        initial = {"text": current.text if current else "", "revision": _revision(current)}
        form = None if closed else ContributionForm(initial=initial)
        return _render(request, page, form, refusal=closed)
    form = ContributionForm(request.POST)
    if closed:
        return _render(request, page, None, refusal=closed, typed=_typed(request), status=409)
    if not form.is_valid():
        return _render(request, page, form)
    try:
        contribution_save(
            assessment=assessment,
            actor=request.user,
            department=department,
            section=code,
            text=form.cleaned_data["text"],
            revision=form.cleaned_data["revision"],
        )
    except ConcurrentEdit as conflict:
        now = conflict.current
        fresh = ContributionForm(initial={"text": now.text, "revision": _revision(now)})
        page["current"] = now
        return _render(request, page, fresh, refusal=CONFLICT, typed=_typed(request), status=409)
    except TransitionNotAllowed as refused:  # submitted since the page was opened
        return _render(request, page, None, refusal=str(refused), typed=_typed(request), status=409)
    except ValidationError as invalid:
        add_service_errors(form, invalid)
        return _render(request, page, form)
    messages.success(
        request, f"The contribution from {department.name} to {SECTION_LABELS[code]} is saved."
    )
    return redirect(reverse("assessments:assessment_detail", args=[pk]) + "#your-contributions")


def _revision(contribution) -> int:
    return contribution.revision if contribution and contribution.pk else 0


def _typed(request) -> str:
    return request.POST.get("text", "").strip()


def _render(request, page, form, *, refusal="", typed="", status=200):
    assessment, code = page["assessment"], page["code"]
    if refusal and request.method == "POST":
        # A refused save: the refusal heads the page, linked to the lead's text (to copy).
        summary = error_summary(items=[(refusal, "#your-text" if typed else "#refusal")])
    else:
        summary = error_summary(form)
    return render(
        request,
        "assessments/contribution_form.html",
        {
            **page,
            "form": form,
            "refusal": refusal,
            "typed": typed,
            "error_summary": summary,
            "owner_text": section_values(assessment).get(code, {}),
            "others": [
                entry
                for entry in contributions_to_section(assessment, code)
                if entry.department != page["department"].name
            ],
        },
        status=status,
    )
