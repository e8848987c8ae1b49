"""The set-up spreadsheet's pages: upload, the dry run, confirm (the service reads, checks and
writes: onboarding/services/setup_import.py), and the template to fill in.

Between the dry run and the confirmation the file is kept in the person's session (a set-up
file is a few kilobytes; the reader refuses one over its limit), keyed by its SHA-256: the
confirmation names the SHA-256 it was shown, and imports only that file, checked again."""

import base64
import hashlib

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from onboarding.forms import ConfirmImportForm, SetupFileForm
from onboarding.services import setup_import as service
from onboarding.setup_template import template_csv, template_xlsx
from spr_portal.access import Can, requires
from spr_portal.form_errors import error_summary
from spr_portal.spreadsheet_reading import MAX_UPLOAD_BYTES, UnreadableFile, read_tables
from spr_portal.spreadsheets import FORMATS

SESSION_KEY = "onboarding_setup_file"


def _read(data: bytes, filename: str):
    tables = read_tables(data, filename, header_starts=service.HEADER_STARTS)
    return tables


def _page(request, form, *, problems=(), status=200):
    """The upload page; `problems`: why the file was refused (each row's, or the file's),
    shown in the error summary and under the file's box."""
    problems = [*form.errors.get("file", []), *problems]
    context = {
        "form": form,
        "problems": problems,
        "specs": service.SPECS,
        "max_mb": MAX_UPLOAD_BYTES // (1024 * 1024),
        "error_summary": error_summary(items=[(text, "#id_file") for text in problems]),
    }
    return render(request, "onboarding/setup_import.html", context, status=status)


@require_http_methods(["GET", "POST"])
@requires(Can.SET_UP_FORCE)
def setup_import(request):
    """Upload, then the dry run: what the file would change, nothing written yet."""
    form = SetupFileForm(request.POST or None, request.FILES or None)
    if request.method == "GET" or not form.is_valid():
        return _page(request, form)
    upload = form.cleaned_data["file"]
    if upload.size > MAX_UPLOAD_BYTES:  # before reading a large file into memory
        size = f"{upload.size / (1024 * 1024):.1f} MB"
        limit = f"{MAX_UPLOAD_BYTES // (1024 * 1024)} MB"
        return _page(
            request, form, problems=[f"The file is {size}: it must be smaller than {limit}"]
        )
    data = upload.read()
    try:
        plan = service.plan(_read(data, upload.name), request.user)
    except UnreadableFile as error:
        return _page(request, form, problems=[str(error).rstrip(".")])
    if not plan.is_valid:
        return _page(request, form, problems=[str(problem) for problem in plan.problems])
    sha256 = hashlib.sha256(data).hexdigest()
    if plan.changes_anything:
        request.session[SESSION_KEY] = {
            "sha256": sha256,
            "name": upload.name[:200],
            "data": base64.b64encode(data).decode("ascii"),
            "plan": plan.fingerprint(),
        }
    else:
        request.session.pop(SESSION_KEY, None)
    return _check_page(request, plan, sha256, upload.name)


def _check_page(request, plan, sha256: str, filename: str, *, changed: bool = False):
    context = {"plan": plan, "sha256": sha256, "filename": filename, "changed": changed}
    return render(request, "onboarding/setup_import_check.html", context)


@require_POST
@requires(Can.SET_UP_FORCE)
def setup_import_confirm(request):
    """Import the file the dry run showed (the same SHA-256), checked again now."""
    form = ConfirmImportForm(request.POST)
    kept = request.session.get(SESSION_KEY) or {}
    if not form.is_valid() or kept.get("sha256") != form.cleaned_data["sha256"]:
        gone = "The file checked is no longer kept: upload it again to see what it would change"
        return _page(request, SetupFileForm(), problems=[gone], status=409)
    data = base64.b64decode(kept["data"])
    if hashlib.sha256(data).hexdigest() != kept["sha256"]:  # never: the session is the server's
        raise Http404
    upload_form = SetupFileForm()
    try:
        plan = service.plan(_read(data, kept["name"]), request.user)
        if plan.is_valid and plan.fingerprint() != kept.get("plan"):
            # The portal changed since the dry run: show what the file would change now.
            request.session[SESSION_KEY] = kept | {"plan": plan.fingerprint()}
            return _check_page(request, plan, kept["sha256"], kept["name"], changed=True)
        service.apply(plan, request.user, filename=kept["name"], sha256=kept["sha256"])
    except UnreadableFile as error:
        return _page(request, upload_form, problems=[str(error).rstrip(".")], status=409)
    except service.ImportRefused as refusal:
        return _page(request, upload_form, problems=refusal.messages, status=409)
    request.session.pop(SESSION_KEY, None)
    if plan.changes_anything:
        messages.success(request, f"{kept['name']} imported: {plan.counts()}.")
    else:
        messages.success(request, f"{kept['name']}: nothing to change.")
    return redirect("onboarding:setup_import")


@require_GET
@requires(Can.SET_UP_FORCE)
def setup_template(request):
    response = HttpResponse(template_xlsx(), content_type=FORMATS["xlsx"])
    response["Content-Disposition"] = 'attachment; filename="spr-portal-set-up.xlsx"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@requires(Can.SET_UP_FORCE)
def setup_template_csv(request, table):
    spec = next((s for s in service.SPECS if s.key == table), None)
    if spec is None:
        raise Http404("The set-up tables are departments, accounts, posts and threats.")
    response = HttpResponse(template_csv(spec), content_type=FORMATS["csv"])
    response["Content-Disposition"] = f'attachment; filename="spr-portal-set-up-{spec.key}.csv"'
    response["Cache-Control"] = "private, no-store"
    return response
