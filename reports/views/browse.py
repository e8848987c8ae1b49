"""Reading board reports: the list, one report, its web version and its PDF."""

from django.core.files.storage import storages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from reports import selectors, sendfile
from reports.models import BoardReport
from reports.paper.pdf import render_report_pdf
from reports.paper.structure import build_paper
from reports.selectors_draft import draft_state
from reports.selectors_published import regard_of, reopened_since_published
from reports.views.common import get_report
from reports.workflow import report_actions
from spr_portal.access import Can, may, requires
from spr_portal.cache_stamp import cached_for
from spr_portal.object_storage import open_stream


@require_GET
@requires(Can.READ_REPORTS)
def report_list(request):
    """SPR lead: every report, drafts included. The body's office and chief officers: the published
    ones (superseded versions too, as both stay downloadable), newest first."""
    # Read once per person under the write stamp: a report drafted, published or corrected,
    # and any change to who may read what, is a write.
    reports = cached_for(
        request.user, "report_list", lambda: list(selectors.report_list(request.user))
    )
    return render(request, "reports/list.html", {"reports": reports})


@require_GET
def report_detail(request, pk):
    # The report as this person may read it, once under the write stamp (any change to it or
    # to their rights is a write); a refusal is raised, never kept.
    report = cached_for(
        request.user,
        ("report", pk),
        lambda: get_report(request, pk, reports=BoardReport.objects.for_summary_page()),
    )
    context = {"report": report, "actions": report_actions(report, request.user)}
    if report.is_draft:
        state = draft_state(report)
        context.update(
            tasks=state.tasks,
            blockers=state.blockers,
            late=state.late,
            stale_figures=state.stale_figures,
            details=selectors.draft_details(report),
        )
        return render(request, "reports/detail_draft.html", context)
    # The correction, the reopenings since publishing and the policing body's regard change
    # only by a write: built once per person under the write stamp, not on every opening.
    context.update(
        cached_for(
            request.user,
            ("published_report", report.pk),
            lambda: _published_reading(report, request.user),
        )
    )
    return render(request, "reports/detail_published.html", context)


def _published_reading(report, user) -> dict:
    correction = BoardReport.objects.visible_to(user).filter(supersedes=report).first()
    reading = {"correction": correction, "regard": regard_of(report, user)}
    if may(user, Can.DRAFT_REPORTS) and correction is None:
        reading["reopened"] = reopened_since_published(report)
    return reading


@require_GET
def report_read(request, pk):
    """The report as a web page: a draft's preview, or a published report's text."""
    report = get_report(request, pk)
    if report.history_import_id:
        raise Http404("A paper imported with the force's history is its PDF only.")
    return render(request, "reports/read.html", {"report": report, "paper": build_paper(report)})


@require_GET
def report_preview_pdf(request, pk):
    """A draft rendered afresh, marked DRAFT, shown in the browser (never stored)."""
    report = get_report(request, pk)
    if not report.is_draft:
        raise Http404("A published report's PDF is its stored one: download it.")
    rendered = render_report_pdf(report, draft=True)
    response = HttpResponse(rendered.content, content_type="application/pdf")
    name = report.pdf_filename.removesuffix(".pdf") + "-draft.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def report_download(request, pk):
    """Exactly the bytes stored when the report was published, as an attachment: sent by the
    web server in front when the deployment allows it (reports/sendfile.py), else by Django."""
    handing_over = bool(sendfile.mode())  # the bytes are not read here
    reports = (
        BoardReport.objects.for_handover() if handing_over else BoardReport.objects.for_download()
    )
    report = get_report(request, pk, reports=reports)
    if report.is_draft:
        raise Http404("A draft has no published PDF.")
    stored = report.pdf
    handed_over = sendfile.headers_for(stored)
    if handed_over:
        response = HttpResponse(content_type="application/pdf", headers=handed_over)
    elif sendfile.mode() == sendfile.STORAGE:
        # Streamed from the shared "papers" storage (object storage), block by block.
        handle = open_stream(storages["papers"], sendfile.stored_object(stored))
        response = FileResponse(handle, content_type="application/pdf")
        response["Content-Length"] = str(stored.size)
    else:
        response = HttpResponse(bytes(stored.content), content_type="application/pdf")
        response["Content-Length"] = str(stored.size)
    response["Content-Disposition"] = f'attachment; filename="{report.pdf_filename}"'
    response["ETag"] = f'"{stored.sha256}"'
    response["Cache-Control"] = "private, no-store"
    return response
