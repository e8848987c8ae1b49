"""Reads for one self-assessment: its content, its history, its versions and the signed-off
one it is reviewed against."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import dateformat, timezone

from assessments.choices import EDITABLE_STATUSES
from assessments.items import SECTION_LABELS
from assessments.models import Assessment, AssessmentSnapshot, ReviewComment, WorkflowEvent
from assessments.models.records import WorkflowAction
from assessments.selectors.comparison import compare_contents
from assessments.selectors.lineage import last_signed_off
from assessments.snapshots import build_snapshot, fingerprint
from spr_portal.access import get_for_user
from spr_portal.cache_stamp import cached_for

CURRENT = "current"  # the live content, as a "version" to compare


def visible_assessment(user, pk: int) -> Assessment:
    """The assessment if this user may read it; 404 otherwise (never someone else's data).

    Read once per user under the cache's write stamp (any change to it, its threat or the
    user's rights is a write): compiling this query of seven joined tables was a third of the
    review page's time. A refusal is never cached, so a key only ever names an assessment the
    user may read. Services that change it lock and re-read it themselves."""
    return cached_for(user, ("assessment", pk), lambda: _read_visible(user, pk))


def _read_visible(user, pk: int) -> Assessment:
    queryset = (
        Assessment.objects.with_threat()
        .select_related("signed_off_by", "signed_snapshot", "threat__chief_officer_lead__holder")
        .with_threat_name()  # every page of an assessment names it: in this query, not another
    )
    return get_for_user(queryset, user, pk=pk)


def content_of(assessment) -> dict:
    """What the assessment says: exactly what was signed once signed off, else the live one."""
    signed = assessment.signed_content
    return build_snapshot(assessment) if signed is None else signed


def fingerprint_holds(snapshot: AssessmentSnapshot) -> bool:
    """Recompute the SHA-256 of the stored snapshot: evidence that nobody altered it."""
    return fingerprint(snapshot.data) == snapshot.fingerprint


def last_signed_off_before(assessment) -> Assessment | None:
    """The threat's (or a threat it succeeds) most recent signed-off assessment of an
    earlier quarter, with what was signed (the rule is assessments/selectors/lineage.py's)."""
    with_signature = Assessment.objects.select_related("signed_snapshot", "signed_off_by")
    return last_signed_off(
        [assessment.threat_id], before=assessment.quarter, base=with_signature
    ).get(assessment.threat_id)


def _with_section_labels(comments):
    for comment in comments:
        comment.section_label = SECTION_LABELS.get(comment.section, "Overall")
    return comments


@dataclass
class HistoryEntry:
    """One line of the history: one event, or consecutive saves by one person grouped into
    "Saved 6 sections as draft: Capacity – local, …"."""

    title: str  # the entry's heading
    actor: object
    at: datetime.datetime
    first_at: datetime.datetime | None = None  # a group: when its first save was
    comment: str = ""
    snapshot: AssessmentSnapshot | None = None
    section_comments: list = field(default_factory=list)
    saves: list[WorkflowEvent] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)  # a group of saves: the sections saved

    @property
    def heading(self) -> str:
        """The whole entry in one line: "Saved 6 sections as draft: Capacity – local, …"."""
        if len(self.sections) > 1:
            return f"{self.title}: {', '.join(self.sections)}"
        return self.title

    def add_save(self, event: WorkflowEvent) -> None:
        self.saves.append(event)
        self.at = event.at
        self.sections = _saved_sections(self.saves)
        self.title = _saved_title(self.saves, self.sections)


def _saved_sections(saves: list[WorkflowEvent]) -> list[str]:
    codes = []
    for save in saves:
        codes.extend(code for code in save.sections if code not in codes)
    return [SECTION_LABELS.get(code, code) for code in codes]


def _saved_title(saves: list[WorkflowEvent], names: list[str]) -> str:
    times = f" in {len(saves)} saves" if len(saves) > 1 else ""
    if len(names) == 1:
        return f"Saved {names[0]} as draft{times}"
    if names:
        return f"Saved {len(names)} sections as draft{times}"
    return f"Saved as draft{times}"


def imported_entry(assessment) -> HistoryEntry | None:
    """The first line of an assessment brought in with the force's history: signed off
    before the portal, by a person named in words, and imported by an administrator."""
    if not assessment.history_import_id:
        return None
    record = assessment.history_import
    first = assessment.snapshots.order_by("number").first()
    signer = first.signed_by_name if first else ""
    return HistoryEntry(
        title=f"Signed off before the portal (imported): {signer or 'signer not named'}",
        actor=record.imported_by,
        at=first.created_at if first else record.imported_at,
        comment=f"{record.description}.",
        snapshot=first,
    )


def history_entries(events: list[WorkflowEvent], assessment=None) -> list[HistoryEntry]:
    """The history as people read it: consecutive saves by the same person are one entry
    that names the sections saved; every other event is an entry of its own. An imported
    assessment's history starts with its import (`imported_entry`)."""
    entries: list[HistoryEntry] = []
    imported = imported_entry(assessment) if assessment is not None else None
    if imported is not None:
        entries.append(imported)
    for event in events:
        if event.action == WorkflowAction.SAVED:
            last = entries[-1] if entries else None
            if last is None or not last.saves or last.actor.pk != event.actor_id:
                last = HistoryEntry(title="", actor=event.actor, at=event.at, first_at=event.at)
                entries.append(last)
            last.add_save(event)
            continue
        entries.append(
            HistoryEntry(
                title=event.get_action_display(),
                actor=event.actor,
                at=event.at,
                comment=event.comment,
                snapshot=event.snapshot,
                section_comments=event.section_comments,
            )
        )
    return entries


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


SINCE_RETURNED, SINCE_LAST_QUARTER = "returned", "quarter"


def basis_asked(since: str | None) -> str:
    """What a review compares against, as asked: last quarter only when asked by name, else the
    version returned (the default, which falls back to last quarter where nothing was)."""
    return SINCE_LAST_QUARTER if since == SINCE_LAST_QUARTER else SINCE_RETURNED


def returned_version(assessment) -> AssessmentSnapshot | None:
    """The submitted version the reviewer last returned: the latest submission snapshot taken
    before the latest return, or None if the assessment was never returned."""
    returned = (
        assessment.events.filter(action=WorkflowAction.RETURNED).order_by("-at", "-pk").first()
    )
    if returned is None:
        return None
    return (
        assessment.snapshots.filter(
            reason=AssessmentSnapshot.Reason.SUBMITTED, created_at__lte=returned.at
        )
        .order_by("-number")
        .first()
    )


def review_comparison(assessment, since: str = SINCE_RETURNED):
    """This quarter's content against what the reviewer returned (a resubmission, unless
    `since` asks for last quarter) or else the last signed-off assessment, section by section.
    Returns (basis, sections, earlier overall comments, the other basis or None): basis is
    ("returned", the returned snapshot) or ("quarter", the last signed-off assessment)."""
    returned = returned_version(assessment)
    if returned is not None and basis_asked(since) == SINCE_RETURNED:
        basis = (SINCE_RETURNED, returned)
        old = returned.data
        other = SINCE_LAST_QUARTER
    else:
        previous = last_signed_off_before(assessment)
        basis = (SINCE_LAST_QUARTER, previous)
        old = content_of(previous) if previous else None
        other = SINCE_RETURNED if returned is not None else None
    sections = compare_contents(build_snapshot(assessment), old)
    comments = earlier_comments_by_section(assessment)
    for section in sections:
        section.comments = comments.get(section.code, [])
    return basis, sections, comments.get("", []), other


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
