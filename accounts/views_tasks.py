"""The failed background tasks page (accounts/failed_tasks.py): administrators see what failed
after its retries and run a task again once its cause is mended."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from accounts.failed_tasks import NotFailed, failed_rows, failed_task_retry
from spr_portal.access import Can, requires


@require_http_methods(["GET", "POST"])
@requires(Can.ADMINISTER)
def failed_tasks(request):
    if request.method == "POST":
        try:
            name = failed_task_retry(task_id=request.POST.get("task", ""), actor=request.user)
        except NotFailed:
            messages.error(
                request,
                "That task is no longer listed as failed: it may have been run again already.",
            )
        else:
            messages.success(request, f"{name.capitalize()} queued again from its first attempt.")
        return redirect("failed_tasks")
    return render(request, "operations/failed_tasks.html", {"rows": failed_rows()})
