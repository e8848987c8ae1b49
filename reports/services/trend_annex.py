"""Annex B of a draft: in or out (it is out unless the SPR lead adds it)."""

from django.db import transaction

from audit.models import AuditAction
from reports.services.drafts import NOUN, audit_report, lock
from reports.workflow import ReportAction, check_report_action
from spr_portal.concurrency import check_revision


@transaction.atomic
def report_trend_annex_set(*, report, include: bool, actor, revision: int):
    report = lock(report)
    check_report_action(ReportAction.EDIT, report, actor)
    check_revision(report, revision, NOUN)
    if report.include_trend_annex != include:
        report.include_trend_annex = include
        report.revision += 1
        report.save(update_fields=["include_trend_annex", "revision", "updated_at"])
        summary = "Annex B (trends) " + ("added" if include else "removed")
        audit_report(report, actor, AuditAction.REPORT_CHANGED, summary)
    return report
