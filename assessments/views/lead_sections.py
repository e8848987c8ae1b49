"""One section of the self-assessment: its form, last quarter beside it, "Save as draft".

A save opened at an older revision is refused (ConcurrentEdit): the page then shows the
current saved values in the form and the lead's own text back, read-only, to copy from.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from assessments import services
from assessments.forms.lead import SectionForm
from assessments.items import ITEMS_BY_CODE, SECTION_LABELS, SECTIONS
from assessments.models import Assessment
from assessments.rules import MINIMUM_HINT, missing_for_submission
from assessments.selectors.contributions import contributions_to_section
from assessments.selectors.lead import (
    last_done,
    latest_return,
    previous_assessment,
    section_values,
)
from assessments.views.lead import kept_lead_assessment, section_url
from assessments.workflow import TransitionNotAllowed
from spr_portal.access import Can, require
from spr_portal.cache_stamp import SETTLED, cached
from spr_portal.form_errors import add_service_errors, error_summary
from threats.models import ForceProfile

CONFLICT_MESSAGE = (
    "Someone else saved this self-assessment after you opened this page, so your changes "
    "have not been saved. {who} Your text is shown beside the form: copy what you need into "
    "the form, which now shows what is saved, then save again."
)
CLOSED_MESSAGE = "This self-assessment can no longer be changed: {reason} Your text is below."


def _section_code(section: str) -> str:
    code = section.replace("-", "_")
    if code not in SECTION_LABELS or code == "actions":
        raise Http404("No such section")
    return code


@require_http_methods(["GET", "POST"])
def assessment_section(request, pk, section):
    code = _section_code(section)
    if request.method == "POST":
        return _save(request, pk, code)
    assessment = kept_lead_assessment(request.user, pk)
    if not assessment.is_editable:
        messages.info(
            request,
            f"This self-assessment is {assessment.get_status_display().lower()}, so it cannot "
            "be changed.",
        )
        return redirect("assessments:assessment_edit", assessment.pk)
    form = SectionForm(assessment=assessment, section=code)
    if request.GET.get("check"):  # arrived from the error summary of an early submit
        form.show_missing(missing_for_submission(assessment))
    return _render(request, assessment, code, form)


def _save(request, pk, code):
    """A save reads the assessment once, under the service's lock, where the service decides
    who may save it (`check_transition`: a business lead of the owning department); the page's
    own read (`kept_lead_assessment`, rebuilt after every save, as a save is a write) only when
    the page is shown again. A refusal to someone who may not see it is the same 404 that read
    gives. A save goes on to the service even when the assessment is no longer editable: it
    refuses, and the page shows the lead's text back (it may have been submitted from another
    tab meanwhile)."""
    require(request.user, Can.WORK_ON_ASSESSMENTS)
    form = SectionForm(request.POST, assessment=None, section=code)
    if not form.is_valid():
        return _render(request, kept_lead_assessment(request.user, pk), code, form)
    try:
        saved = services.assessment_save_draft(
            assessment=pk,
            actor=request.user,
            data=form.draft_data(),
            revision=form.cleaned_data["revision"],
        )
    except (Assessment.DoesNotExist, PermissionDenied) as refused:
        raise Http404("No such self-assessment") from refused
    except services.ConcurrentEdit as conflict:
        fresh = SectionForm(assessment=conflict.current, section=code)
        return _render(
            request,
            conflict.current,
            code,
            fresh,
            refusal=CONFLICT_MESSAGE.format(who=_who_saved(conflict.current)),
            typed=form.typed_values(),
            status=409,
        )
    except TransitionNotAllowed as refused:
        return _render(
            request,
            kept_lead_assessment(request.user, pk),
            code,
            None,
            refusal=CLOSED_MESSAGE.format(reason=refused),
            typed=form.typed_values(),
            status=409,
        )
    except ValidationError as invalid:
        # The model's own checks (full_clean), should a value pass the form but not them.
        add_service_errors(form, invalid)
        return _render(request, kept_lead_assessment(request.user, pk), code, form)
    if request.POST.get("then") == "continue":
        return redirect(next_section_url(saved, code))
    return redirect("assessments:assessment_edit", saved.pk)


def next_section_url(assessment, code: str) -> str:
    """Where "Save and continue" goes: the next section in the task list's order, and after
    the last one the check-your-answers page."""
    codes = [c for c, _ in SECTIONS]
    position = codes.index(code) + 1
    if position < len(codes):
        return section_url(assessment, codes[position])
    return reverse("assessments:assessment_check", args=[assessment.pk])


def _who_saved(assessment) -> str:
    done = last_done(assessment.pk)
    if done is None:
        return ""
    at = timezone.localtime(done.at)
    time = f"{at:%-I:%M}{'am' if at.hour < 12 else 'pm'}"
    return f"It was last saved by {done.by} at {time} on {at.day} {at:%B %Y}."


def _render(request, assessment, code, form, *, refusal="", typed=None, status=200):
    note = latest_return(assessment)
    # Last quarter's words and the contributions change only by a write, and never by a
    # draft's save: built once under the settled stamp, which a save leaves where it is, so
    # the page shown again after someone else's save (a refused one) does not build them
    # again. Keyed by the status, which decides whether the contributions are as signed. (The
    # assessment was read through the lead's access rule above.)
    previous, contributions = cached(
        ("section_reading", assessment.pk, assessment.status, code),
        lambda: (previous_assessment(assessment), contributions_to_section(assessment, code)),
        reads=("threats", SETTLED),
    )
    # The layout reads the profile too (threats.context_processors.force): passing this one
    # as "force" spares it a second query.
    force = ForceProfile.current()
    # A refused save shows a fresh form (no errors) or none: the summary links to the text.
    summary = error_summary(
        None if refusal else form,
        items=[(refusal.split(". ")[0] + ".", "#your-text")] if refusal else (),
        anchors={"revision": "#main-content"},
        non_field_href="#main-content",
    )
    return render(
        request,
        "assessments/lead/section.html",
        {
            "assessment": assessment,
            "code": code,
            "label": SECTION_LABELS[code],
            "item": ITEMS_BY_CODE.get(code),
            "form": form,
            "previous": previous,
            "previous_values": section_values(previous)[code] if previous else None,
            "section_comment": note.sections.get(code, "") if note else "",
            "contributions": contributions,
            "note": note,
            "refusal": refusal,
            "typed": typed or [],
            "error_summary": summary,
            "narrative_hint": (
                "Explain the grade: what the force has, what has changed since last quarter "
                f"and what is still missing. {MINIMUM_HINT}"
            ),
            "summary_hint": (
                "This paragraph becomes this threat's part of the board report to the "
                f"{force.board_name}. {MINIMUM_HINT}"
            ),
            "force": force,
        },
        status=status,
    )
