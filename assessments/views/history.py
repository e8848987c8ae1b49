"""Reading one self-assessment: its content, sign-off record, history, versions, comparison."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_GET

from assessments.choices import Status
from assessments.forms.review import CompareForm
from assessments.models.records import WorkflowAction
from assessments.selectors import history
from assessments.selectors.comparison import compare_contents
from assessments.selectors.contributions import contributions_by, contributions_in
from assessments.selectors.evidence import evidence_of
from assessments.selectors.expectations import expectations_in, figures_in
from assessments.services.contributions import (
    closed_to_contributions,
    departments_contributing_as,
)
from assessments.services.contributors import may_set_contributors
from assessments.views.sides import with_sides_rendered
from assessments.workflow import available_actions, may_see_workflow
from spr_portal.cache_stamp import cached_for
from spr_portal.form_errors import error_summary


def _actions_for(user, assessment) -> dict:
    """The buttons this user is offered; every one is checked again by its service."""
    actions = available_actions(assessment, user)
    editable = WorkflowAction.SAVED in actions
    return {
        "may_review": WorkflowAction.RETURNED in actions,
        "may_reopen": WorkflowAction.REOPENED in actions,
        "edit_url": reverse("assessments:assessment_edit", args=[assessment.pk])
        if editable
        else None,
    }


DETAIL_CONTENT = "assessments/review/includes/detail_content.html"
COMPARED = "assessments/review/includes/compared.html"


@require_GET
def assessment_detail(request, pk):
    # The page's data per user, assessment and day under the cache's write stamp
    # (spr_portal/cache_stamp.py): every change to the assessment, its versions, evidence,
    # contributions or the user's roles is a write. A 404 or 403 is raised, never kept.
    # Its body, rendered from that context, is the same HTML until the next write: kept too.
    def page() -> dict:
        context = _detail(request.user, pk)
        return {
            "assessment": context["assessment"],
            "content_html": render_to_string(DETAIL_CONTENT, context, request),
        }

    return render(
        request,
        "assessments/review/detail.html",
        cached_for(request.user, ("detail", pk), page),
    )


def _detail(user, pk) -> dict:
    assessment = history.visible_assessment(user, pk)
    sees_workflow = may_see_workflow(assessment, user)
    snapshots = history.versions(assessment) if sees_workflow else []
    signed = assessment.signed_snapshot if assessment.status == Status.SIGNED_OFF else None
    content = history.content_of(assessment)
    # A contributing department's business lead: its view of the sections, to add to.
    departments = departments_contributing_as(assessment, user)
    return {
        "assessment": assessment,
        "sections": compare_contents(content, None),
        "contributions": contributions_in(content),
        "expectations": expectations_in(content),
        "figures": figures_in(content),
        "yours": contributions_by(assessment, departments) if departments else [],
        "closed_to_contributions": closed_to_contributions(assessment),
        "signed": signed,
        "fingerprint_holds": history.fingerprint_holds(signed) if signed else None,
        "sees_workflow": sees_workflow,
        "events": history.history_entries(history.history_events(assessment), assessment)
        if sees_workflow
        else [],
        "snapshots": snapshots,
        "compare_choices": history.version_choices(
            assessment,
            snapshots,
            include_current=history.has_unsigned_changes(assessment),
        ),
        "contributors": list(assessment.contributing_departments.all()),
        "evidence": evidence_of(assessment, user),
        "may_set_contributors": may_set_contributors(assessment, user),
        **_actions_for(user, assessment),
    }


def _default_pair(choices) -> dict | None:
    if len(choices) < 2:
        return None
    return {"a": choices[-2][0], "b": choices[-1][0]}


@require_GET
def assessment_compare(request, pk):
    """Any two versions of one assessment, the later marked against the earlier."""
    user = request.user
    # The versions and, below, the pair compared, per user under the cache's write stamp.
    assessment, choices = cached_for(user, ("compare", pk), lambda: _compared(user, pk))
    asked = request.GET if {"a", "b"} & set(request.GET) else _default_pair(choices)
    form = CompareForm(asked, choices=choices) if asked else CompareForm(choices=choices)
    compared_html = ""
    if form.is_bound and form.is_valid():
        a, b = form.cleaned_data["a"], form.cleaned_data["b"]

        def compared() -> str:
            """The pair side by side, rendered: the same HTML until the next write."""
            sections = _compare_pair(assessment, a, b)
            names = dict(choices)
            context = {
                "assessment": assessment,
                "sections": sections,
                "changed_sections": [s for s in sections if s.changed],
                "labels": {"new": names[b], "old": names[a]},
            }
            return render_to_string(COMPARED, context, request) if sections else ""

        compared_html = cached_for(user, ("compare", pk, a, b), compared)
    return render(
        request,
        "assessments/review/compare.html",
        {
            "assessment": assessment,
            "form": form,
            "error_summary": error_summary(form),
            "compared_html": compared_html,
            "enough_versions": len(choices) >= 2,
        },
    )


def _compared(user, pk):
    assessment = history.visible_assessment(user, pk)
    if not may_see_workflow(assessment, user):
        raise PermissionDenied("Earlier versions are not part of your role.")
    choices = history.version_choices(
        assessment,
        history.versions(assessment),
        include_current=history.has_unsigned_changes(assessment),
    )
    return assessment, choices


def _compare_pair(assessment, a: str, b: str):
    snapshots = history.versions(assessment)
    return with_sides_rendered(
        compare_contents(
            history.version_content(assessment, snapshots, b),
            history.version_content(assessment, snapshots, a),
        )
    )
