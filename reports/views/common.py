"""What every board report page shares: fetching one through visible_to (a wrong id or a
draft the user may not see is a 404)."""

from django.http import Http404

from reports.models import BoardReport
from reports.workflow import ReportAction, report_actions
from spr_portal.access import Can, get_for_user, require


def get_report(request, pk: int, *, reports=None) -> BoardReport:
    """The report this user may read: `reports` says what is read with it (a named method
    of the report queryset), by default what every report page shows."""
    require(request.user, Can.READ_REPORTS)
    return get_for_user(
        reports if reports is not None else BoardReport.objects.for_pages(), request.user, pk=pk
    )


def get_draft(request, pk: int) -> BoardReport:
    """A draft the SPR lead may edit; a published one has no edit pages at all (404)."""
    report = get_report(request, pk)
    require(request.user, Can.DRAFT_REPORTS)
    if ReportAction.EDIT not in report_actions(report, request.user):
        raise Http404("A published report has no edit pages.")
    return report
