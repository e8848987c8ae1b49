"""Bringing a draft up to date with assessments signed off after it was made: the threats
with no summary yet (listed with the text that would come in, taken in with one action) and
the conclusion's counts of grades (reports/figures.py)."""

from dataclasses import dataclass

from django.db import transaction

from audit.models import AuditAction
from reports.drafting import threat_parts
from reports.figures import stale_figures
from reports.models import BoardReportThreatSection
from reports.services.drafts import NOUN, audit_report, lock
from reports.text import normalise
from reports.workflow import ReportAction, check_report_action
from spr_portal.concurrency import check_revision

LATE_MESSAGE = "{name} was signed off after this draft: use its summary"


@dataclass(frozen=True)
class LateSignOff:
    threat: object
    section: BoardReportThreatSection | None
    summary: str  # the signed-off summary that would come in


def late_sign_offs(report) -> list[LateSignOff]:
    """Signed-off threats whose part of this draft is missing or empty."""
    if not report.is_draft:
        return []
    sections = {s.threat_id: s for s in report.threat_sections.all()}
    late = []
    for part in threat_parts(report.quarter):
        section = sections.get(part.threat.pk)
        if part.is_signed_off and (section is None or not section.body.strip()):
            late.append(LateSignOff(part.threat, section, normalise(part.signed_summary)))
    return late


@transaction.atomic
def report_take_in_late_sign_offs(*, report, actor, revision: int) -> list[str]:
    """Put each late sign-off's signed summary in the draft; the names of the threats taken."""
    report = lock(report)
    check_report_action(ReportAction.EDIT, report, actor)
    check_revision(report, revision, NOUN)
    taken = []
    next_order = max((s.display_order for s in report.threat_sections.all()), default=0) + 1
    for late in late_sign_offs(report):
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
    stale = stale_figures(report)
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
