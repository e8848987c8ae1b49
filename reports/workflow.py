"""What may be done to a board report, by whom and in which status: the one table, asked by
the services (which refuse) and by the pages (which offer only what is allowed).

A draft is edited and published by the SPR lead; a published report never changes, but the
SPR lead may correct it with a new version; a superseded one is history.
"""

from dataclasses import dataclass
from enum import StrEnum

from django.core.exceptions import PermissionDenied, ValidationError

from reports.models import ReportStatus
from spr_portal.access import Can, may


class ReportAction(StrEnum):
    EDIT = "edit"
    PUBLISH = "publish"
    CORRECT = "correct"


@dataclass(frozen=True)
class ReportTransition:
    sources: frozenset[ReportStatus]
    can: Can
    refusal: str  # when the report's status does not allow it


_CHANGE_A_DRAFT_ONLY = (
    "A published board report cannot be changed. Correct it with a new version instead."
)

REPORT_TRANSITIONS: dict[ReportAction, ReportTransition] = {
    ReportAction.EDIT: ReportTransition(
        frozenset({ReportStatus.DRAFT}), Can.DRAFT_REPORTS, _CHANGE_A_DRAFT_ONLY
    ),
    ReportAction.PUBLISH: ReportTransition(
        frozenset({ReportStatus.DRAFT}), Can.DRAFT_REPORTS, _CHANGE_A_DRAFT_ONLY
    ),
    ReportAction.CORRECT: ReportTransition(
        frozenset({ReportStatus.PUBLISHED}),
        Can.DRAFT_REPORTS,
        "Only the current published version of a report can be corrected.",
    ),
}


# A paper brought in with the force's history is the PDF the force published and nothing
# else: the portal holds none of its text to start a correction from.
IMPORTED_PAPER = (
    "A paper imported with the force's history is its PDF only: it cannot be corrected here."
)


def check_report_action(action: ReportAction, report, user) -> None:
    """PermissionDenied for the wrong role, ValidationError for the wrong status."""
    transition = REPORT_TRANSITIONS[action]
    if not may(user, transition.can):
        raise PermissionDenied(transition.can.value)
    if report.status not in transition.sources:
        raise ValidationError(transition.refusal)
    if action == ReportAction.CORRECT and report.history_import_id:
        raise ValidationError(IMPORTED_PAPER)


def report_actions(report, user) -> frozenset[ReportAction]:
    """What the user may do to the report now, for the buttons a page offers."""
    allowed = set()
    for action in REPORT_TRANSITIONS:
        try:
            check_report_action(action, report, user)
        except (PermissionDenied, ValidationError):
            continue
        allowed.add(action)
    return frozenset(allowed)
