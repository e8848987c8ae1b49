"""What every board report page shares: fetching one through visible_to (a wrong id or a
draft the user may not see is a 404)."""

from django.http import Http404

from reports.models import BoardReport
from reports.workflow import ReportAction, report_actions
from spr_portal.access import Can, get_for_user, require


def get_report(request, pk: int, *, pdf_content: bool = False) -> BoardReport:
    """`pdf_content`: with the stored PDF's bytes (the download sent by Django); no other page
    needs them, and they are most of the row."""
    require(request.user, Can.READ_REPORTS)
    reports = BoardReport.objects.select_related(
        "quarter__edition", "previous_report", "supersedes", "pdf", "published_by"
    )
    return get_for_user(
        reports if pdf_content else reports.defer("pdf__content"), request.user, pk=pk
    )


def get_draft(request, pk: int) -> BoardReport:
    """A draft the SPR lead may edit; a published one has no edit pages at all (404)."""
    report = get_report(request, pk)
    require(request.user, Can.DRAFT_REPORTS)
    if ReportAction.EDIT not in report_actions(report, request.user):
        raise Http404("A published report has no edit pages.")
    return report
