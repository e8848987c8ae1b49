"""Bringing a draft up to date with the assessments signed off after it: a preview of what
changes (the late summaries, or the conclusion's figures), then one action for it all."""

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


def _preview_then_apply(request, pk, *, apply, done, stale, template, anchor, preview):
    """The page previews what `apply` changes at the revision shown; a POST applies it to
    exactly that revision, or shows the page again with `stale` when the draft moved on."""
    report = get_draft(request, pk)
    # The form carries only the revision previewed (the same one publishing uses).
    form = PublishForm(request.POST or None, initial={"revision": report.revision})
    errors = []
    if request.method == "POST":
        if form.is_valid():
            try:
                changed = apply(
                    report=report, actor=request.user, revision=form.cleaned_data["revision"]
                )
            except ConcurrentEdit:
                errors.append(stale)
                report = get_draft(request, pk)
                form = PublishForm(initial={"revision": report.revision})
            else:
                if changed:
                    messages.success(request, done(changed))
                return redirect("reports:report_detail", pk=report.pk)
        else:
            errors.append(stale)
    return render(
        request,
        template,
        {
            "report": report,
            **preview(report),
            "form": form,
            "error_summary": error_summary(items=[(e, anchor) for e in errors]),
        },
    )


def _late_preview(report) -> dict:
    state = draft_state(report)
    return {"late": state.late, "stale": state.stale_figures}


@require_http_methods(["GET", "POST"])
def report_late_sign_offs(request, pk):
    return _preview_then_apply(
        request,
        pk,
        apply=report_take_in_late_sign_offs,
        done=lambda taken: "Summaries taken in: " + ", ".join(taken) + ".",
        stale=STALE,
        template="reports/late_sign_offs.html",
        anchor="#late-summaries",
        preview=_late_preview,
    )


@require_http_methods(["GET", "POST"])
def report_figures(request, pk):
    """'Update from the assessments': the conclusion's counts, old and new, then one click."""
    return _preview_then_apply(
        request,
        pk,
        apply=report_update_figures,
        done=lambda changed: "The conclusion's figures are up to date.",
        stale=STALE_FIGURES,
        template="reports/figures.html",
        anchor="#figures-change",
        preview=lambda report: {"stale": stale_figures(report)},
    )
