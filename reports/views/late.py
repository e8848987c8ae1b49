"""Taking threats signed off after the draft into it: a preview of each summary, then one
action for them all."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from reports.forms import PublishForm
from reports.services import ConcurrentEdit
from reports.services.late import late_sign_offs, report_take_in_late_sign_offs
from reports.views.common import get_draft

STALE = "The report changed after you opened this page. Check the summaries again."


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
    return render(
        request,
        "reports/late_sign_offs.html",
        {"report": report, "late": late_sign_offs(report), "form": form, "errors": errors},
    )
