"""Publishing a draft (rendering its PDF once) and starting a correction of a published one."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from reports.forms import CorrectionForm, PublishForm
from reports.models import BoardReport
from reports.selectors_draft import draft_state
from reports.services import (
    ConcurrentEdit,
    ReportNotReady,
    report_correct,
    report_publish,
)
from reports.views.common import get_draft, get_report
from reports.workflow import ReportAction, report_actions
from spr_portal.access import Can, require
from spr_portal.form_errors import add_service_errors, error_summary, form_saved

STALE = "The report changed after you opened this page. Check the preview again, then publish."


@require_http_methods(["GET", "POST"])
def report_publish_view(request, pk):
    """A confirmation page, because publishing cannot be undone; POST publishes."""
    report = get_draft(request, pk)
    form = PublishForm(request.POST or None, initial={"revision": report.revision})
    stale = False
    if request.method == "POST" and form.is_valid():
        try:
            report = report_publish(
                report=report, actor=request.user, revision=form.cleaned_data["revision"]
            )
        except ConcurrentEdit:
            stale = True
        except ReportNotReady:
            pass  # the page lists the blockers below
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, "Report published. Its PDF is stored: the checksum is shown below."
            )
            return redirect("reports:report_detail", pk=report.pk)
    state = draft_state(report)
    blockers = state.blockers
    detail_url = reverse("reports:report_detail", args=[report.pk])
    preview_url = reverse("reports:report_preview", args=[report.pk])
    # Late sign-offs and stale figures are put right on their own pages.
    own_pages = {
        "late-sign-offs": reverse("reports:report_late_sign_offs", args=[report.pk]),
        "figures": reverse("reports:report_figures", args=[report.pk]),
    }
    refusals = [
        (message, own_pages.get(anchor) or f"{detail_url}#{anchor.replace('section-', '')}")
        for anchor, message in blockers
    ]
    if stale:
        refusals.append((STALE, preview_url))
    return render(
        request,
        "reports/publish.html",
        {
            "report": report,
            "form": form,
            "blockers": blockers,
            "unchanged": state.unchanged_parts(),
            # The form carries only the hidden revision: its errors are plain text.
            "error_summary": error_summary(form, items=refusals, anchors={"revision": ""}),
        },
    )


@require_http_methods(["GET", "POST"])
def report_correct_view(request, pk):
    report = get_report(request, pk)
    require(request.user, Can.DRAFT_REPORTS)
    if ReportAction.CORRECT not in report_actions(report, request.user):
        raise Http404("Only the current published version of a report can be corrected.")
    existing = BoardReport.objects.filter(supersedes=report).first()
    if existing is not None:
        return redirect("reports:report_detail", pk=existing.pk)
    form = CorrectionForm(request.POST or None)
    started = form_saved(
        request,
        form,
        lambda data: report_correct(report=report, actor=request.user, note=data["note"]),
        done=lambda correction: (
            f"Version {correction.version} started as a draft. Version {report.version} "
            "stays published until you publish this one."
        ),
    )
    if started:
        return redirect("reports:report_detail", pk=started.result.pk)
    return render(
        request,
        "reports/correct.html",
        {"report": report, "form": form, "error_summary": error_summary(form)},
    )
