"""The administrator's page for importing a force's history: upload, see what would be
created (the dry run), confirm. The file waits in the cache between the two steps, keyed by
its SHA-256 and the administrator, so nothing is written before the confirmation."""

from django import forms
from django.contrib import messages
from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from assessments.models import HistoryImport
from onboarding.history import layout
from onboarding.history.reading import MAX_FILE_BYTES, HistoryRefused
from onboarding.services.history import history_check, history_import
from spr_portal.access import Can, requires
from spr_portal.form_errors import error_summary

WAIT_SECONDS = 60 * 60
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class HistoryForm(forms.Form):
    history = forms.FileField(
        label="Upload the history",
        error_messages={
            "required": "Select the history workbook (.xlsx) or ZIP file (.zip)",
            "empty": "The selected file is empty",
        },
    )


def _waiting_key(user, sha256: str) -> str:
    return f"onboarding:history:{user.pk}:{sha256}"


def _refused(form, refused: HistoryRefused) -> None:
    for problem in refused.problems:
        form.add_error("history", problem)


@require_http_methods(["GET", "POST"])
@requires(Can.SET_UP_FORCE)
def history_import_page(request):
    form = HistoryForm()
    plan = None
    if request.method == "POST" and "confirm" in request.POST:
        sha256 = request.POST.get("sha256", "")
        waiting = cache.get(_waiting_key(request.user, sha256))
        if waiting is None:
            form.add_error("history", "The upload waited too long: upload the file again")
        else:
            name, data = waiting
            try:
                plan = history_import(actor=request.user, data=data, filename=name)
            except HistoryRefused as refused:
                _refused(form, refused)
                plan = None
            else:
                cache.delete(_waiting_key(request.user, sha256))
                if plan.already_imported is not None:
                    messages.info(request, plan.summary)
                else:
                    messages.success(request, f"Imported {plan.summary} from {plan.source_name}.")
                return redirect("onboarding:history_import")
    elif request.method == "POST":
        form = HistoryForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["history"]
            if upload.size >= MAX_FILE_BYTES:  # before reading a large file into memory
                form.add_error(
                    "history",
                    f"The file is {upload.size / (1024 * 1024):.1f} MB: it must be smaller "
                    "than 50 MB",
                )
            else:
                data = upload.read()
                try:
                    plan = history_check(actor=request.user, data=data, filename=upload.name)
                except HistoryRefused as refused:
                    _refused(form, refused)
                else:
                    if plan.already_imported is None:
                        cache.set(
                            _waiting_key(request.user, plan.sha256),
                            (upload.name, data),
                            WAIT_SECONDS,
                        )
    return render(
        request,
        "onboarding/history_import.html",
        {
            "form": form,
            "plan": plan,
            "error_summary": error_summary(form),
            "layout": layout.DESCRIPTION,
            "imports": HistoryImport.objects.select_related("imported_by")[:20],
        },
    )


@require_GET
@requires(Can.SET_UP_FORCE)
def history_template(request):
    response = HttpResponse(layout.template_workbook(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="history-template.xlsx"'
    return response
