"""The audit log page for the SPR lead and administrators, and its CSV export."""

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from audit.forms import AuditFilterForm
from audit.selectors import CSV_COLUMNS, audit_events, csv_rows
from spr_portal.access import Can, requires
from spr_portal.form_errors import error_summary
from spr_portal.spreadsheets import write_csv

PAGE_SIZE = 50


def _filtered(request):
    form = AuditFilterForm(request.GET or None)
    valid = form.is_bound and form.is_valid()
    filters = form.cleaned_data if valid else {}
    return form, audit_events(request.user, filters), valid and any(filters.values())


@require_GET
@requires(Can.READ_AUDIT_LOG)
def audit_log(request):
    form, rows, filtered = _filtered(request)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/log.html",
        {
            "form": form,
            "page": page,
            "filtered": filtered,
            "query": query.urlencode(),
            "error_summary": error_summary(form),
        },
    )


@require_GET
@requires(Can.READ_AUDIT_LOG)
def audit_log_csv(request):
    """Every row matching the filters (not only one page), for the auditors' spreadsheets."""
    _, rows, _ = _filtered(request)
    stamp = timezone.now().strftime("%Y-%m-%d")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="spr-portal-audit-log-{stamp}.csv"'
    response["Cache-Control"] = "no-store"
    rows = csv_rows(rows)
    write_csv(response, marking="OFFICIAL-SENSITIVE", columns=CSV_COLUMNS, rows=rows)
    return response
