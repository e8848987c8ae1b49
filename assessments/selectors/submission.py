"""Reads for "Check your answers": every section in words, and the texts carried forward
from last quarter that are still exactly as they were."""

from assessments.items import GRADED_ITEMS, OTHER_SECTIONS
from assessments.selectors.lead import previous_assessment

_OTHER_TEXTS = {"four_ps": "four_ps_narrative", "risks": "risks", "summary": "summary"}


def unchanged_from_last_quarter(assessment) -> list[str]:
    """The labels of the sections whose text is, word for word, last quarter's signed-off
    text (what "start from last quarter" copied), in form order. Empty texts do not count."""
    previous = previous_assessment(assessment)
    if previous is None:
        return []
    fields = [(item.label, item.narrative_field) for item in GRADED_ITEMS]
    labels = dict(OTHER_SECTIONS)
    fields += [(labels[code], field) for code, field in _OTHER_TEXTS.items()]
    return [
        label
        for label, field in fields
        if (getattr(assessment, field) or "").strip()
        and getattr(assessment, field).strip() == (getattr(previous, field) or "").strip()
    ]
