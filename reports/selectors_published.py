"""Published papers and the self-assessments they report: which papers a reopening touches,
and whether a published paper may need a correction."""

import datetime

from django.utils import timezone

from assessments.models import WorkflowEvent
from assessments.models.records import WorkflowAction
from reports.assurance_models import RegardEntry, RegardKind
from reports.models import BoardReport
from spr_portal.access import Can, may


def paper_name(report) -> str:
    return f"{report} (version {report.version})"


def papers_reporting(assessment) -> list[str]:
    """Published (or superseded) papers for the assessment's quarter that have its threat."""
    reports = BoardReport.objects.published().filter(
        quarter_id=assessment.quarter_id, threat_sections__threat_id=assessment.threat_id
    )
    return [paper_name(r) for r in reports.distinct().order_by("meeting_date", "version")]


def reopened_since_published(report) -> list:
    """Reopenings, after this paper was published, of assessments it reports (newest first)."""
    if report.is_draft or report.published_at is None:
        return []
    return list(
        WorkflowEvent.objects.filter(
            action=WorkflowAction.REOPENED,
            at__gt=report.published_at,
            assessment__quarter_id=report.quarter_id,
            assessment__threat__in=report.threat_sections.values("threat_id"),
        )
        .select_related("assessment__threat", "actor")
        .order_by("-at")
    )


# How far back the home page's "Newly published" list looks.
NEWLY_PUBLISHED_DAYS = 30


def newly_published(user, *, days: int = NEWLY_PUBLISHED_DAYS) -> list:
    """Board reports published in the last `days` days that the user may read, newest first
    (not ones the user published)."""
    since = timezone.now() - datetime.timedelta(days=days)
    return list(
        BoardReport.objects.visible_to(user)
        .currently_published()
        .filter(published_at__gte=since)
        .exclude(published_by=user)
        .select_related("quarter")
        .order_by("-published_at", "-pk")
    )


def regard_of(report, user) -> dict | None:
    """The policing body's regard to a published paper, for its page: the exchange in order
    (each answer right after its question), what the user may do; None for a role that may
    not read it (`Can.READ_REGARD`: docs/architecture.md says why)."""
    if report.is_draft or not may(user, Can.READ_REGARD):
        return None
    entries = list(RegardEntry.objects.visible_to(user).filter(report=report).in_order())
    answers = {e.answer_to_id: e for e in entries if e.kind == RegardKind.ANSWER}
    steps = []
    for entry in entries:
        if entry.kind == RegardKind.ANSWER:
            continue
        steps.append({"entry": entry, "answer": answers.get(entry.pk)})
    return {
        "steps": steps,
        "may_record": may(user, Can.RECORD_REGARD),
        "may_answer": may(user, Can.ANSWER_REGARD),
    }


def questions_waiting(user) -> list:
    """For the SPR lead's home page: the policing body's questions not yet answered, oldest
    first."""
    if not may(user, Can.ANSWER_REGARD):
        return []
    return list(
        RegardEntry.objects.visible_to(user)
        .unanswered_questions()
        .select_related("report__quarter")
        .order_by("at", "pk")
    )
