"""Adding or leaving out Annex B (the trend) of a draft board report."""

from django.contrib import messages
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from reports.forms import PublishForm
from reports.services.trend_annex import report_trend_annex_set
from reports.views.common import get_draft
from spr_portal.concurrency import ConcurrentEdit

STALE = "The report changed after you opened it. Check it, then try again."


@require_POST
def report_trend_annex(request, pk):
    report = get_draft(request, pk)
    include = request.POST.get("include") == "yes"
    # The form carries only the revision the button was shown with; one that is missing or
    # not a number cannot be the current one.
    form = PublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, STALE)
        return redirect("reports:report_detail", pk=report.pk)
    try:
        report_trend_annex_set(
            report=report,
            include=include,
            actor=request.user,
            revision=form.cleaned_data["revision"],
        )
    except ConcurrentEdit:
        messages.error(request, STALE)
    else:
        messages.success(
            request, "Annex B (trend) added." if include else "Annex B (trend) left out."
        )
    return redirect("reports:report_detail", pk=report.pk)
