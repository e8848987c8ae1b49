"""Side-by-side comparison of two versions of a self-assessment, section by section.

Both sides are snapshot-shaped dicts (assessments.snapshots.build_snapshot), so a live
assessment, a submitted version and a signed-off version compare the same way. What changed
is marked in words (a "Changed" tag, "Added:"/"Removed:" before each changed run of words)
as well as visually, never by colour alone.
"""

import datetime
import difflib
import functools
import re
from dataclasses import dataclass, field

from assessments.choices import ActionStatus, CapabilityFramework, EvidenceSource, FourP
from assessments.items import GRADED_ITEMS, OTHER_SECTIONS

SAME, ADDED, REMOVED = "same", "added", "removed"
_TOKENS = re.compile(r"\S+\s*|\s+")  # each word with the space after it


@dataclass(frozen=True)
class Segment:
    kind: str  # SAME, ADDED or REMOVED
    text: str


@dataclass
class Side:
    """One column of one section: what that version says, marked against the other."""

    grade: int | None = None
    narrative: list[Segment] = field(default_factory=list)
    choices: list[Segment] = field(default_factory=list)  # evidence sources, the 4 Ps
    framework: str = ""
    actions: list[dict] = field(default_factory=list)


@dataclass
class SectionComparison:
    code: str
    label: str
    kind: str  # "item", "evidence", "four_ps", "text" or "actions"
    new: Side
    old: Side | None  # None: there is no earlier version to compare with
    changed: bool = False
    grade_changed: bool = False
    comments: list = field(default_factory=list)  # the reviewer's comments on the section
    # Each side as the page shows it (assessments/views/sides.py), rendered with the
    # comparison and kept with it: the same every time the comparison is shown.
    new_html: str = ""
    old_html: str = ""


def word_diff(old: str, new: str) -> tuple[list[Segment], list[Segment], bool]:
    """The two texts as runs of words, each marked same/removed (old) or same/added (new)."""
    old_segments, new_segments, changed = _word_diff(old or "", new or "")
    return list(old_segments), list(new_segments), changed


# The same two texts always give the same runs, and the review and compare pages diff the
# same versions again at every visit: a narrative of realistic length costs milliseconds of
# difflib (the benchmark's profile), so each worker remembers its recent diffs.
@functools.lru_cache(maxsize=256)
def _word_diff(old: str, new: str) -> tuple[tuple[Segment, ...], tuple[Segment, ...], bool]:
    if old == new:
        return [Segment(SAME, old)] if old else [], [Segment(SAME, new)] if new else [], False
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    old_segments, new_segments = [], []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            old_segments.append(Segment(SAME, "".join(a[i1:i2])))
            new_segments.append(Segment(SAME, "".join(b[j1:j2])))
            continue
        if i2 > i1:
            old_segments.append(Segment(REMOVED, "".join(a[i1:i2])))
        if j2 > j1:
            new_segments.append(Segment(ADDED, "".join(b[j1:j2])))
    return tuple(old_segments), tuple(new_segments), True


def _plain(text: str) -> list[Segment]:
    return [Segment(SAME, text)] if text else []


def _label(choices, code: str) -> str:
    try:
        return choices(code).label
    except ValueError:
        return code  # a code no longer in the vocabulary still shows what was stored


def _choice_diff(choices, old: list | None, new: list) -> tuple[list, list, bool]:
    new_set, old_set = set(new), set(old or [])
    ordered = [c for c in choices.values if c in new_set | old_set] + sorted(
        (new_set | old_set) - set(choices.values)
    )
    if old is None:
        return [], [Segment(SAME, _label(choices, c)) for c in ordered if c in new_set], False
    new_side = [
        Segment(SAME if c in old_set else ADDED, _label(choices, c))
        for c in ordered
        if c in new_set
    ]
    old_side = [
        Segment(SAME if c in new_set else REMOVED, _label(choices, c))
        for c in ordered
        if c in old_set
    ]
    return old_side, new_side, new_set != old_set


def _action_row(action: dict, mark: str) -> dict:
    due = action.get("due_date")
    closed = action.get("closed_on")
    return {
        "description": action.get("description", ""),
        "owner": action.get("owner", ""),
        "due_date": datetime.date.fromisoformat(due) if due else None,
        "status": _label(ActionStatus, action.get("status", "")),
        "closed_on": datetime.date.fromisoformat(closed) if closed else None,
        "mark": mark,  # "", "New", "Changed" or "Not carried forward"
    }


_ACTION_FIELDS = ("description", "owner", "due_date", "status", "closed_on")


def _actions(new: list, old: list | None) -> tuple[list, list, bool]:
    if old is None:
        return [], [_action_row(a, "") for a in new], False
    old_by_id = {a.get("id"): a for a in old}
    new_ids = {a.get("id") for a in new}
    new_rows = []
    for action in new:
        before = old_by_id.get(action.get("id"))
        if before is None:
            mark = "New"
        elif any(before.get(f) != action.get(f) for f in _ACTION_FIELDS):
            mark = "Changed"
        else:
            mark = ""
        new_rows.append(_action_row(action, mark))
    # An action closed in the earlier version is not carried forward by design: its absence
    # is no change. Only an open one that disappeared is ("Not carried forward").
    old_rows = [
        _action_row(
            a,
            ""
            if a.get("id") in new_ids or a.get("status") == ActionStatus.CLOSED
            else "Not carried forward",
        )
        for a in old
    ]
    changed = any(r["mark"] for r in new_rows) or any(r["mark"] for r in old_rows)
    return old_rows, new_rows, changed


def _text_section(code, label, kind, new_text, old_text, has_old) -> SectionComparison:
    if not has_old:
        return SectionComparison(code, label, kind, Side(narrative=_plain(new_text)), None)
    old_segments, new_segments, changed = word_diff(old_text, new_text)
    return SectionComparison(
        code,
        label,
        kind,
        Side(narrative=new_segments),
        Side(narrative=old_segments),
        changed=changed,
    )


def compare_contents(new: dict, old: dict | None) -> list[SectionComparison]:
    """Every section of the form, in form order, `new` marked against `old`."""
    has_old = old is not None
    old = old or {}
    sections = []
    for item in GRADED_ITEMS:
        n = new.get("items", {}).get(item.code, {})
        o = old.get("items", {}).get(item.code, {})
        section = _text_section(
            item.code, item.label, "item", n.get("narrative"), o.get("narrative"), has_old
        )
        section.new.grade = n.get("grade")
        if has_old:
            section.old.grade = o.get("grade")
            section.grade_changed = n.get("grade") != o.get("grade")
            section.changed = section.changed or section.grade_changed
        sections.append(section)

    labels = dict(OTHER_SECTIONS)
    old_side, new_side, changed = _choice_diff(
        EvidenceSource, old.get("evidence_sources") if has_old else None, new["evidence_sources"]
    )
    framework_new = _label(CapabilityFramework, new.get("capability_framework", ""))
    framework_old = _label(CapabilityFramework, old.get("capability_framework", ""))
    sections.append(
        SectionComparison(
            "evidence",
            labels["evidence"],
            "evidence",
            Side(choices=new_side, framework=framework_new),
            Side(choices=old_side, framework=framework_old) if has_old else None,
            changed=has_old and (changed or framework_new != framework_old),
        )
    )

    four_ps = _text_section(
        "four_ps",
        labels["four_ps"],
        "four_ps",
        new.get("four_ps_narrative"),
        old.get("four_ps_narrative"),
        has_old,
    )
    old_side, new_side, changed = _choice_diff(
        FourP, old.get("four_ps") if has_old else None, new.get("four_ps", [])
    )
    four_ps.new.choices = new_side
    if has_old:
        four_ps.old.choices = old_side
        four_ps.changed = four_ps.changed or changed
    sections.append(four_ps)

    sections.append(
        _text_section("risks", labels["risks"], "text", new.get("risks"), old.get("risks"), has_old)
    )
    old_rows, new_rows, changed = _actions(
        new.get("actions", []), old.get("actions", []) if has_old else None
    )
    sections.append(
        SectionComparison(
            "actions",
            labels["actions"],
            "actions",
            Side(actions=new_rows),
            Side(actions=old_rows) if has_old else None,
            changed=changed,
        )
    )
    sections.append(
        _text_section(
            "summary", labels["summary"], "text", new.get("summary"), old.get("summary"), has_old
        )
    )
    return sections
