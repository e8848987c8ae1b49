"""The annual SPR assurance statement's pages: the list of years (each with its statement or
why it cannot be drafted yet), a statement, its edit and publish pages, its stored files."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from assessments.models.quarter import financial_year_label
from reports.assurance import year_readiness, years_offered
from reports.assurance_models import AssuranceStatement, StatementFile, StatementFileKind
from reports.forms import PublishForm, StatementForm, StatementStartForm
from reports.paper.docx import CONTENT_TYPE as DOCX_TYPE
from reports.paper.statement import build_statement
from reports.services.statements import statement_create, statement_publish, statement_update
from spr_portal.access import Can, get_for_user, may, require, requires
from spr_portal.concurrency import ConcurrentEdit
from spr_portal.form_errors import add_service_errors, error_summary, form_saved

STALE = "The statement changed after you opened this page. Read it again, then try again."


@require_http_methods(["GET", "POST"])
@requires(Can.READ_STATEMENTS)
def statement_list(request):
    statements = {s.financial_year: s for s in AssuranceStatement.objects.visible_to(request.user)}
    years = []
    drafting = may(request.user, Can.DRAFT_STATEMENTS)
    startable = []
    for year in years_offered():
        readiness = year_readiness(year) if drafting and year not in statements else None
        if readiness is not None and readiness.ready:
            startable.append(year)
        years.append(
            {
                "year": year,
                "label": financial_year_label(year),
                "statement": statements.get(year),
                "readiness": readiness,
            }
        )
    form = StatementStartForm(request.POST or None, years=startable)
    if request.method == "POST":
        require(request.user, Can.DRAFT_STATEMENTS)
    started = form_saved(
        request,
        form,
        lambda data: statement_create(year=data["year"], actor=request.user),
        done=lambda statement: f"Draft statement for {statement.year_label} started.",
    )
    if started:
        return redirect("reports:statement_detail", pk=started.result.pk)
    return render(
        request,
        "reports/statements/list.html",
        {
            "years": years,
            "form": form,
            "drafting": drafting,
            "startable": startable,
            "error_summary": error_summary(form),
        },
    )


def _statement(request, pk) -> AssuranceStatement:
    require(request.user, Can.READ_STATEMENTS)
    return get_for_user(AssuranceStatement.objects.without_bytes(), request.user, pk=pk)


@require_GET
def statement_detail(request, pk):
    statement = _statement(request, pk)
    return render(
        request,
        "reports/statements/detail.html",
        {
            "statement": statement,
            "document": build_statement(statement),
            "pdf": statement.stored(StatementFileKind.PDF),
            "docx": statement.stored(StatementFileKind.DOCX),
            "may_edit": statement.is_draft and may(request.user, Can.DRAFT_STATEMENTS),
        },
    )


def _draft(request, pk) -> AssuranceStatement:
    statement = _statement(request, pk)
    require(request.user, Can.DRAFT_STATEMENTS)
    if not statement.is_draft:
        raise Http404("A published statement has no edit pages.")
    return statement


@require_http_methods(["GET", "POST"])
def statement_edit(request, pk):
    statement = _draft(request, pk)
    initial = {name: getattr(statement, name) for name in StatementForm.base_fields}
    initial["revision"] = statement.revision
    form = StatementForm(request.POST or None, initial=initial)
    refusals = []
    if request.method == "POST" and form.is_valid():
        try:
            statement_update(
                statement=statement,
                actor=request.user,
                data=form.service_data(),
                revision=form.cleaned_data["revision"],
            )
        except ConcurrentEdit:
            refusals.append((STALE, "#id_title"))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Statement saved.")
            return redirect("reports:statement_detail", pk=statement.pk)
    return render(
        request,
        "reports/statements/edit.html",
        {
            "statement": statement,
            "form": form,
            "conclusions_label": f"Conclusions of {statement.body_name}",
            "error_summary": error_summary(form, items=refusals, anchors={"revision": ""}),
        },
    )


@require_http_methods(["GET", "POST"])
def statement_publish_view(request, pk):
    statement = _draft(request, pk)
    form = PublishForm(request.POST or None, initial={"revision": statement.revision})
    refusals = []
    if request.method == "POST" and form.is_valid():
        try:
            statement_publish(
                statement=statement, actor=request.user, revision=form.cleaned_data["revision"]
            )
        except ConcurrentEdit:
            refusals.append((STALE, "#publish"))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                "Statement published. Its PDF and Word files are stored with their checksums.",
            )
            return redirect("reports:statement_detail", pk=statement.pk)
    return render(
        request,
        "reports/statements/publish.html",
        {
            "statement": statement,
            "form": form,
            "error_summary": error_summary(form, items=refusals, anchors={"revision": "#publish"}),
        },
    )


def _download(request, pk, kind, content_type):
    statement = _statement(request, pk)
    stored = StatementFile.objects.filter(statement=statement, kind=kind).first()
    if statement.is_draft or stored is None:
        raise Http404("A draft has no published file.")
    response = HttpResponse(bytes(stored.content), content_type=content_type)
    response["Content-Length"] = str(stored.size)
    response["Content-Disposition"] = f'attachment; filename="{statement.filename(kind)}"'
    response["ETag"] = f'"{stored.sha256}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def statement_download_pdf(request, pk):
    return _download(request, pk, StatementFileKind.PDF, "application/pdf")


@require_GET
def statement_download_docx(request, pk):
    return _download(request, pk, StatementFileKind.DOCX, DOCX_TYPE)
