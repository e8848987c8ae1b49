"""Bringing a draft up to date with assessments signed off after it was made: the threats
with no summary yet (listed with the text that would come in, taken in with one action) and
the conclusion's counts of grades (reports/paper/figures.py)."""

from django.db import transaction

from audit.models import AuditAction
from reports.models import BoardReportThreatSection
from reports.paper.figures import stale_figures
from reports.selectors_draft import draft_state
from reports.services.drafts import NOUN, audit_report, lock
from reports.workflow import ReportAction, check_report_action
from spr_portal.concurrency import check_revision


@transaction.atomic
def report_take_in_late_sign_offs(*, report, actor, revision: int) -> list[str]:
    """Put each late sign-off's signed summary in the draft; the names of the threats taken."""
    report = lock(report)
    check_report_action(ReportAction.EDIT, report, actor)
    check_revision(report, revision, NOUN)
    taken = []
    next_order = max((s.display_order for s in report.threat_sections.all()), default=0) + 1
    state = draft_state(report)
    for late in state.late:
        if not late.summary.strip():
            continue  # nothing to take: the blocker stays and says so
        if late.section is None:
            BoardReportThreatSection.objects.create(
                report=report, threat=late.threat, body=late.summary, display_order=next_order
            )
            next_order += 1
        else:
            late.section.body = late.summary
            late.section.save(update_fields=["body"])
        taken.append(late.threat.name)
    # The late sign-offs change the counts too: bring the conclusion's figures up to date in
    # the same step (the preview page shows that change as well).
    stale = state.stale_figures
    if stale is not None:
        report.conclusion = report.conclusion.replace(stale.old, stale.new, 1)
    if taken or stale is not None:
        report.revision += 1
        report.save(update_fields=["conclusion", "revision", "updated_at"])
        done = [f"Took in the signed-off summary of {name}" for name in taken]
        if stale is not None:
            done.append(f"Conclusion's figures: {stale.old} → {stale.new}")
        audit_report(report, actor, AuditAction.REPORT_CHANGED, "; ".join(done))
    return taken


@transaction.atomic
def report_update_figures(*, report, actor, revision: int) -> bool:
    """Replace the draft's counts sentence by the one computed now; False if nothing changed."""
    report = lock(report)
    check_report_action(ReportAction.EDIT, report, actor)
    check_revision(report, revision, NOUN)
    stale = stale_figures(report)
    if stale is None:
        return False
    report.conclusion = report.conclusion.replace(stale.old, stale.new, 1)
    report.revision += 1
    report.save(update_fields=["conclusion", "revision", "updated_at"])
    audit_report(
        report,
        actor,
        AuditAction.REPORT_CHANGED,
        f"Conclusion's figures: {stale.old} → {stale.new}",
    )
    return True
