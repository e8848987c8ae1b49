"""Taking threats signed off after the draft into it: a preview of each summary, then one
action for them all."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from reports.forms import PublishForm
from reports.paper.figures import stale_figures
from reports.selectors_draft import draft_state
from reports.services import ConcurrentEdit
from reports.services.late import report_take_in_late_sign_offs, report_update_figures
from reports.views.common import get_draft
from spr_portal.form_errors import error_summary

STALE = "The report changed after you opened this page. Check the summaries again."
STALE_FIGURES = "The report changed after you opened this page. Check the figures again."


@require_http_methods(["GET", "POST"])
def report_late_sign_offs(request, pk):
    report = get_draft(request, pk)
    # The form carries only the revision previewed (the same one publishing uses).
    form = PublishForm(request.POST or None, initial={"revision": report.revision})
    errors = []
    if request.method == "POST":
        if form.is_valid():
            try:
                taken = report_take_in_late_sign_offs(
                    report=report, actor=request.user, revision=form.cleaned_data["revision"]
                )
            except ConcurrentEdit:
                errors.append(STALE)
                report = get_draft(request, pk)
                form = PublishForm(initial={"revision": report.revision})
            else:
                if taken:
                    messages.success(request, "Summaries taken in: " + ", ".join(taken) + ".")
                return redirect("reports:report_detail", pk=report.pk)
        else:
            errors.append(STALE)
    state = draft_state(report)
    return render(
        request,
        "reports/late_sign_offs.html",
        {
            "report": report,
            "late": state.late,
            "stale": state.stale_figures,
            "form": form,
            "error_summary": error_summary(items=[(e, "#late-summaries") for e in errors]),
        },
    )


@require_http_methods(["GET", "POST"])
def report_figures(request, pk):
    """'Update from the assessments': the conclusion's counts, old and new, then one click."""
    report = get_draft(request, pk)
    form = PublishForm(request.POST or None, initial={"revision": report.revision})
    errors = []
    if request.method == "POST":
        if form.is_valid():
            try:
                changed = report_update_figures(
                    report=report, actor=request.user, revision=form.cleaned_data["revision"]
                )
            except ConcurrentEdit:
                errors.append(STALE_FIGURES)
                report = get_draft(request, pk)
                form = PublishForm(initial={"revision": report.revision})
            else:
                if changed:
                    messages.success(request, "The conclusion's figures are up to date.")
                return redirect("reports:report_detail", pk=report.pk)
        else:
            errors.append(STALE_FIGURES)
    return render(
        request,
        "reports/figures.html",
        {
            "report": report,
            "stale": stale_figures(report),
            "form": form,
            "error_summary": error_summary(items=[(e, "#figures-change") for e in errors]),
        },
    )
