"""What every board report page shares: fetching one through visible_to (a wrong id or a
draft the user may not see is a 404)."""

from django.http import Http404

from reports.models import BoardReport
from reports.workflow import ReportAction, report_actions
from spr_portal.access import Can, get_for_user, require

# What the report pages read beside the report: each join is planned by the database on
# every request, so a page that needs fewer names its own (the PDF download).
PAGE_RELATED = ("quarter__edition", "previous_report", "supersedes", "pdf", "docx", "published_by")


def get_report(
    request,
    pk: int,
    *,
    pdf_content: bool = False,
    frozen_annex: bool = True,
    related: tuple[str, ...] = PAGE_RELATED,
) -> BoardReport:
    """`pdf_content`: with the stored PDF's bytes (the download sent by Django); no other page
    needs them, and they are most of the row. `frozen_annex`: with the annex frozen at
    publishing, which only the paper itself reads (its web page, PDF and Word file).

    The Word file comes in the same query for its checksum, without its bytes (the download
    reads them afresh), and the earlier reports without their frozen annexes, which nothing
    reads from them: decoding those was a third of the report page's time (the benchmark's
    profile)."""
    require(request.user, Can.READ_REPORTS)
    deferred = [f"{name}__frozen_annex" for name in ("previous_report", "supersedes")]
    deferred += ["docx__content"] + ([] if pdf_content else ["pdf__content"])
    deferred += [] if frozen_annex else ["frozen_annex"]
    # Only the fields of the relations asked for can be deferred.
    deferred = [name for name in deferred if "__" not in name or name.split("__")[0] in related]
    reports = BoardReport.objects.select_related(*related).defer(*deferred)
    return get_for_user(reports, request.user, pk=pk)


def get_draft(request, pk: int) -> BoardReport:
    """A draft the SPR lead may edit; a published one has no edit pages at all (404)."""
    report = get_report(request, pk)
    require(request.user, Can.DRAFT_REPORTS)
    if ReportAction.EDIT not in report_actions(report, request.user):
        raise Http404("A published report has no edit pages.")
    return report
