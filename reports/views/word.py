"""The board report as a Word document: a draft's preview (rendered afresh, never stored) and
a published report's stored file."""

from django.http import Http404, HttpResponse
from django.views.decorators.http import require_GET

from reports.paper.docx import CONTENT_TYPE, docx_filename, render_report_docx
from reports.services.word import report_docx_store
from reports.views.common import get_report


def _attachment(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Content-Length"] = str(len(content))
    return response


@require_GET
def report_preview_docx(request, pk):
    """A draft as Word, marked DRAFT (the SPR lead is the only one who sees drafts)."""
    report = get_report(request, pk)
    if not report.is_draft:
        raise Http404("A published report's Word file is its stored one: download it.")
    response = _attachment(
        render_report_docx(report, draft=True).content, docx_filename(report, draft=True)
    )
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def report_download_docx(request, pk):
    """Exactly the bytes stored when the report was published."""
    report = get_report(request, pk)
    if report.is_draft:
        raise Http404("A draft has no published Word file.")
    if report.history_import_id:
        raise Http404("A paper imported with the force's history is its PDF only.")
    stored = report_docx_store(report=report)
    response = _attachment(bytes(stored.content), docx_filename(report))
    response["ETag"] = f'"{stored.sha256}"'
    response["Cache-Control"] = "private, no-store"
    return response
