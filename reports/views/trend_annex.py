"""Adding or leaving out Annex B (the trend) of a draft board report."""

from django.contrib import messages
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from reports.services.trend_annex import report_trend_annex_set
from reports.views.common import get_draft
from spr_portal.concurrency import ConcurrentEdit


@require_POST
def report_trend_annex(request, pk):
    report = get_draft(request, pk)
    include = request.POST.get("include") == "yes"
    revision = request.POST.get("revision", "")
    try:
        report_trend_annex_set(
            report=report,
            include=include,
            actor=request.user,
            revision=int(revision) if revision.isdigit() else -1,
        )
    except ConcurrentEdit:
        messages.error(request, "The report changed after you opened it. Check it, then try again.")
    else:
        messages.success(
            request, "Annex B (trend) added." if include else "Annex B (trend) left out."
        )
    return redirect("reports:report_detail", pk=report.pk)
