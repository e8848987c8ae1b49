"""The business lead's pages: My assessments, starting a self-assessment, the task list and
submitting it. Sections and improvement actions are in lead_sections and lead_actions."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import IntegrityError
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from assessments import rules, services
from assessments.deadlines import may_work_late
from assessments.forms.lead import StartForm
from assessments.items import SECTIONS
from assessments.models import Assessment, Quarter
from assessments.models.records import WorkflowAction
from assessments.selectors.contributions import contributed_to, contributions_of
from assessments.selectors.expectations import checklist_progress, expectations_of, figures_of
from assessments.selectors.lead import (
    COMPLETED,
    OPTIONAL_SECTIONS,
    action_statuses,
    actions_of,
    latest_return,
    latest_signed_off,
    my_assessments_page,
    section_values,
    task_groups,
)
from assessments.selectors.lineage import is_more_than_a_year_old
from assessments.selectors.reopening import latest_reopening
from assessments.workflow import may_act
from spr_portal.access import Can, get_for_user, require, requires
from spr_portal.cache_stamp import cached, cached_for
from spr_portal.form_errors import error_summary
from spr_portal.params import id_param
from threats.naming import named_for


def get_lead_assessment(user, pk, assessments=None) -> Assessment:
    """An assessment of a threat the lead's department owns, fetched through visible_to, so
    another department's is a 404. Lead pages are a business lead's: a lead who also holds
    another role reads other threats' assessments on the review pages.

    `assessments`: what the page reads with it, as an AssessmentQuerySet method
    (`with_threat()` unless given, or `with_quarter()`)."""
    require(user, Can.WORK_ON_ASSESSMENTS)
    if assessments is None:
        assessments = Assessment.objects.with_threat()
    return get_for_user(assessments.owned_by(user), user, pk=pk)


def kept_lead_assessment(user, pk) -> Assessment:
    """`get_lead_assessment` with its quarter only (the task list, a section, what the SPR
    expects), read once per user under the write stamp: any change to it or to who leads its
    department is a write. A refusal is raised, never kept; a save locks and re-reads it."""
    return cached_for(
        user,
        ("lead_assessment", pk),
        lambda: get_lead_assessment(user, pk, Assessment.objects.with_quarter()),
    )


# Past quarters a page at a time: the list grows by a row a threat every quarter.
PAST_PER_PAGE = 20


def section_url(assessment, code: str) -> str:
    if code == "actions":
        return reverse("assessments:action_list", args=[assessment.pk])
    if code == "contributors":
        return reverse("assessments:assessment_contributors", args=[assessment.pk])
    return reverse("assessments:assessment_section", args=[assessment.pk, code.replace("_", "-")])


@require_GET
@requires(Can.WORK_ON_ASSESSMENTS)
def my_assessments(request):
    # The page's body, rendered, per user, page and day, under the cache's write stamp
    # (spr_portal/cache_stamp.py): any change to an assessment, grant or role is a write, and
    # the statuses' deadline signals run by the day. Nothing in it belongs to the request (no
    # form, no message). A page number, else the first (Paginator.get_page's own rule): never
    # raw text in a key.
    page = id_param(request.GET.get("page")) or 1
    content_html = cached_for(
        request.user,
        ("my_assessments", page),
        lambda: render_to_string(MY_ASSESSMENTS_CONTENT, _mine(request.user, page), request),
    )
    return render(request, "assessments/lead/my_assessments.html", {"content_html": content_html})


MY_ASSESSMENTS_CONTENT = "assessments/lead/includes/my_assessments_content.html"


def _mine(user, page: int) -> dict:
    context = my_assessments_page(user)
    context["past"] = Paginator(context["past"], PAST_PER_PAGE).get_page(page)
    context["contributing"] = contributed_to(user)
    return context


@require_http_methods(["GET", "POST"])
@requires(Can.WORK_ON_ASSESSMENTS)
def assessment_start(request, quarter_id, threat_slug):
    """Ask whether to start from last quarter's signed-off self-assessment, then start."""
    quarter = get_for_user(Quarter.objects.select_related("edition"), request.user, pk=quarter_id)
    threat = get_for_user(
        quarter.edition.threats().owned_by(request.user), request.user, slug=threat_slug
    )
    named_for([threat], quarter)
    if not may_work_late(quarter, threat.pk):
        raise Http404("Closed to submissions")
    existing = Assessment.objects.filter(threat=threat, quarter=quarter).first()
    if existing is not None:
        return redirect("assessments:assessment_edit", existing.pk)
    previous = latest_signed_off([threat.pk], before=quarter).get(threat.pk)
    previous_is_old = is_more_than_a_year_old(previous, quarter)
    form = StartForm(
        request.POST if request.method == "POST" else None,
        previous=previous,
        previous_is_old=previous_is_old,
    )
    if form.is_valid():
        try:
            assessment = services.assessment_start(
                threat=threat,
                quarter=quarter,
                actor=request.user,
                from_previous=form.cleaned_data["start_from"] == "previous"
                and previous is not None,
            )
        except (IntegrityError, ValidationError) as refused:
            # Someone else in the department may have started it a moment earlier.
            existing = Assessment.objects.filter(threat=threat, quarter=quarter).first()
            if existing is not None:
                return redirect("assessments:assessment_edit", existing.pk)
            form.add_error("start_from", " ".join(getattr(refused, "messages", [str(refused)])))
        else:
            messages.success(
                request,
                f"You started the {threat} self-assessment for {quarter.label}.",
            )
            return redirect("assessments:assessment_edit", assessment.pk)
    return render(
        request,
        "assessments/lead/start.html",
        {
            "quarter": quarter,
            "threat": threat,
            "previous": previous,
            "previous_is_old": previous_is_old,
            "form": form,
            "error_summary": error_summary(form),
        },
    )


def _task_list_context(assessment, *, missing=None) -> dict:
    note = latest_return(assessment)
    groups = [
        (title, [(task, section_url(assessment, task.code)) for task in tasks])
        for title, tasks in task_groups(assessment, statuses=action_statuses(assessment), note=note)
    ]
    required = [
        task for _, tasks in groups for task, _ in tasks if task.code not in OPTIONAL_SECTIONS
    ]
    answered, lines = checklist_progress(assessment)
    return {
        "expectations_answered": answered,
        "expectation_lines": lines,
        "assessment": assessment,
        "groups": groups,
        "note": note,
        "reopening": latest_reopening(assessment),
        "error_summary": submission_refusals(assessment, missing),
        "minimum_words": rules.MIN_SENTENCE_WORDS,
        "minimum_characters": rules.MIN_SENTENCE_CHARACTERS,
        "required_total": len(required),
        "required_done": sum(1 for task in required if task.state == COMPLETED),
    }


def submission_refusals(assessment, missing) -> list[dict]:
    """The error summary of what stops submission (missing_for_submission's pairs)."""
    # What stops submission is on the sections' own pages: each entry links to its field there.
    refusals = [
        (message, f"{section_url(assessment, _section_of_field(field))}?check=1#id_{field}")
        for field, message in missing or []
    ]
    return error_summary(items=refusals)


def _section_of_field(field: str) -> str:
    for suffix in ("_grade", "_narrative"):
        if field.endswith(suffix) and field != "four_ps_narrative":
            return field.removesuffix(suffix)
    return {
        "evidence_sources": "evidence",
        "capability_framework": "evidence",
        "four_ps": "four_ps",
        "four_ps_narrative": "four_ps",
    }.get(field, field)


@require_GET
def assessment_edit(request, pk):
    """The task list of a draft or returned self-assessment; read-only once submitted."""
    assessment = kept_lead_assessment(request.user, pk)
    if not assessment.is_editable:
        return _render_read_only(request, assessment)
    # The tasks' states, the actions' and contributors' hints, the return's and reopening's
    # notes change only by a write: built once under the write stamp (the assessment was read
    # through the lead's access rule above).
    context = cached(("task_list", assessment.pk), lambda: _task_list_context(assessment))
    # The page's own read of the assessment, as this person's access rule found it.
    return render(request, "assessments/lead/task_list.html", {**context, "assessment": assessment})


def _render_read_only(request, assessment):
    values = section_values(assessment)
    return render(
        request,
        "assessments/lead/read_only.html",
        {
            "assessment": assessment,
            "rows": [(code, label, values[code]) for code, label in SECTIONS if code != "actions"],
            "actions": actions_of(assessment),
            "contributions": contributions_of(assessment),
            "expectations": expectations_of(assessment),
            "figures": figures_of(assessment),
            "detail_url": reverse("assessments:assessment_detail", args=[assessment.pk]),
            "may_withdraw": may_act(WorkflowAction.WITHDRAWN, assessment, request.user),
        },
    )
