"""Reads for "Check your answers": every section in words, and the texts carried forward
from last quarter that are still exactly as they were. The same rule tells the SPR lead
(review, sign-off) and the board report's pages which text is unchanged since which quarter."""

from dataclasses import dataclass

from assessments.items import GRADED_ITEMS, OTHER_SECTIONS
from assessments.selectors.lead import previous_assessment
from assessments.selectors.lineage import last_signed_off

_OTHER_TEXTS = {"four_ps": "four_ps_narrative", "risks": "risks", "summary": "summary"}


def _text_fields() -> list[tuple[str, str]]:
    fields = [(item.label, item.narrative_field) for item in GRADED_ITEMS]
    labels = dict(OTHER_SECTIONS)
    return fields + [(labels[code], field) for code, field in _OTHER_TEXTS.items()]


def _same(assessment, previous, field: str) -> bool:
    """Word for word the earlier signed-off text; an empty text does not count."""
    text = (getattr(assessment, field) or "").strip()
    return bool(text) and text == (getattr(previous, field) or "").strip()


def _unchanged(assessment, previous) -> list[str]:
    return [label for label, field in _text_fields() if _same(assessment, previous, field)]


def unchanged_from_last_quarter(assessment) -> list[str]:
    """The labels of the sections whose text is, word for word, last quarter's signed-off
    text (what "start from last quarter" copied), in form order. Empty texts do not count."""
    previous = previous_assessment(assessment)
    return [] if previous is None else _unchanged(assessment, previous)


@dataclass(frozen=True)
class Unchanged:
    """Texts still word for word as signed off for an earlier quarter (`since`)."""

    since: str  # that quarter's label, "2026/27 Q2"
    labels: list[str]


def unchanged_since(assessment) -> Unchanged | None:
    """Which texts are unchanged, and since which quarter; None when none is."""
    previous = previous_assessment(assessment)
    if previous is None:
        return None
    labels = _unchanged(assessment, previous)
    return Unchanged(previous.quarter.label, labels) if labels else None


def summaries_unchanged(assessments, quarter) -> dict[int, str]:
    """Of a quarter's assessments, those whose summary for the board report is unchanged:
    the label of the quarter it is still the signed-off summary of, by threat id. The same
    queries whatever the number of threats."""
    assessments = [a for a in assessments if a is not None]
    if not assessments:
        return {}
    previous = last_signed_off([a.threat_id for a in assessments], before=quarter)
    return {
        a.threat_id: previous[a.threat_id].quarter.label
        for a in assessments
        if a.threat_id in previous and _same(a, previous[a.threat_id], "summary")
    }
