"""Reads for one self-assessment: its content, its history, its versions and the signed-off
one it is reviewed against."""

from django.db.models import Prefetch
from django.utils import dateformat, timezone

from assessments.choices import EDITABLE_STATUSES, Status
from assessments.items import SECTION_LABELS
from assessments.models import Assessment, AssessmentSnapshot, ReviewComment, WorkflowEvent
from assessments.models.records import WorkflowAction
from assessments.selectors.comparison import compare_contents
from assessments.snapshots import build_snapshot, fingerprint
from spr_portal.access import get_for_user
from threats.models import lineage_ids

CURRENT = "current"  # the live content, as a "version" to compare


def visible_assessment(user, pk: int) -> Assessment:
    """The assessment if this user may read it; 404 otherwise (never someone else's data)."""
    queryset = Assessment.objects.with_threat().select_related(
        "signed_off_by", "signed_snapshot", "threat__chief_officer_lead__holder"
    )
    return get_for_user(queryset, user, pk=pk)


def content_of(assessment) -> dict:
    """What the assessment says: exactly what was signed once signed off, else the live one."""
    if assessment.status == Status.SIGNED_OFF and assessment.signed_snapshot_id:
        return assessment.signed_snapshot.data
    return build_snapshot(assessment)


def fingerprint_holds(snapshot: AssessmentSnapshot) -> bool:
    """Recompute the SHA-256 of the stored snapshot: evidence that nobody altered it."""
    return fingerprint(snapshot.data) == snapshot.fingerprint


def last_signed_off_before(assessment) -> Assessment | None:
    """The threat's (or a threat it succeeds) most recent signed-off assessment of an
    earlier quarter."""
    return (
        Assessment.objects.signed_off()
        .filter(threat_id__in=lineage_ids(assessment.threat_id))
        .before(assessment.quarter)
        .select_related("quarter__edition", "signed_snapshot", "signed_off_by")
        .first()
    )


def _with_section_labels(comments):
    for comment in comments:
        comment.section_label = SECTION_LABELS.get(comment.section, "Overall")
    return comments


def history_events(assessment) -> list[WorkflowEvent]:
    """Every event, oldest first, with who did it and the comments of each return."""
    events = list(
        assessment.events.select_related("actor", "snapshot").prefetch_related(
            Prefetch(
                "comments",
                queryset=ReviewComment.objects.exclude(section="").order_by("pk"),
                to_attr="section_comments",
            )
        )
    )
    for event in events:
        _with_section_labels(event.section_comments)
    return events


def versions(assessment) -> list[AssessmentSnapshot]:
    return list(assessment.snapshots.select_related("created_by").order_by("number"))


def earlier_comments_by_section(assessment) -> dict[str, list[ReviewComment]]:
    """The reviewer's comments of earlier returns, so a second review sees what was asked."""
    by_section: dict[str, list[ReviewComment]] = {}
    comments = (
        assessment.review_comments.select_related("author", "event")
        .filter(event__action=WorkflowAction.RETURNED)
        .order_by("created_at", "pk")
    )
    for comment in _with_section_labels(list(comments)):
        by_section.setdefault(comment.section, []).append(comment)
    return by_section


def review_comparison(assessment):
    """This quarter's content against the last signed-off assessment's, section by section."""
    previous = last_signed_off_before(assessment)
    old = content_of(previous) if previous else None
    sections = compare_contents(build_snapshot(assessment), old)
    comments = earlier_comments_by_section(assessment)
    for section in sections:
        section.comments = comments.get(section.code, [])
    return previous, sections, comments.get("", [])


def version_choices(assessment, snapshots, *, include_current: bool) -> list[tuple[str, str]]:
    choices = [
        (
            str(s.number),
            f"Version {s.number}: {s.get_reason_display().lower()}, "
            f"{dateformat.format(timezone.localtime(s.created_at), 'j F Y, H:i')}",
        )
        for s in snapshots
    ]
    if include_current:
        choices.append((CURRENT, "The current content"))
    return choices


def version_content(assessment, snapshots, key: str) -> dict:
    if key == CURRENT:
        return build_snapshot(assessment)
    return next(s.data for s in snapshots if str(s.number) == key)


def has_unsigned_changes(assessment) -> bool:
    """Is there live content beyond the versions? (A draft or a returned assessment.)"""
    return assessment.status in EDITABLE_STATUSES
