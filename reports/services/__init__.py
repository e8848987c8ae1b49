"""Every write to a board report: permission, validation and the change in one transaction.
Only the SPR lead drafts, edits, publishes and corrects (reports/workflow.py)."""

from reports.services.drafts import (
    EDITABLE_FIELDS,
    report_create,
    report_section_update,
    report_update,
)
from reports.services.publishing import (
    ReportNotReady,
    report_correct,
    report_publish,
)
from spr_portal.concurrency import ConcurrentEdit

__all__ = [
    "EDITABLE_FIELDS",
    "ConcurrentEdit",
    "ReportNotReady",
    "report_correct",
    "report_create",
    "report_publish",
    "report_section_update",
    "report_update",
]
