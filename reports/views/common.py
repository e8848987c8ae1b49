"""What every board report page shares: who may read reports, fetching one through
visible_to (a wrong id or a draft the user may not see is a 404)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from reports.models import BoardReport
from spr_portal.roles import Role, is_spr_lead, roles_of

READERS = {Role.SPR_LEAD, Role.PCC_OFFICE, Role.CHIEF_OFFICER_LEAD}


def require_reader(user) -> None:
    if not roles_of(user) & READERS:
        raise PermissionDenied("Board reports are for the SPR lead, chief officers and the PCC.")


def require_spr_lead(user) -> None:
    if not is_spr_lead(user):
        raise PermissionDenied("Only the SPR lead drafts and publishes board reports.")


def get_report(request, pk: int) -> BoardReport:
    require_reader(request.user)
    return get_object_or_404(
        BoardReport.objects.visible_to(request.user).select_related(
            "quarter__edition", "previous_report", "supersedes", "pdf", "published_by"
        ),
        pk=pk,
    )


def get_draft(request, pk: int) -> BoardReport:
    """A draft the SPR lead may edit; a published one has no edit pages at all (404)."""
    report = get_report(request, pk)
    require_spr_lead(request.user)
    if not report.is_draft:
        raise Http404("A published report has no edit pages.")
    return report
