"""What makes a self-assessment complete enough to submit for review."""

from assessments.items import GRADED_ITEMS

MIN_SENTENCE_CHARACTERS = 20
MIN_SENTENCE_WORDS = 4


def is_a_sentence(text: str) -> bool:
    """At least a sentence: a few words of real text, not a placeholder such as 'tbc'."""
    text = (text or "").strip()
    return len(text) >= MIN_SENTENCE_CHARACTERS and len(text.split()) >= MIN_SENTENCE_WORDS


def missing_for_submission(assessment) -> list[tuple[str, str]]:
    """Each (field name, message) that stops the assessment being submitted, in form order."""
    missing = []
    for item in GRADED_ITEMS:
        if assessment.grade_of(item) is None:
            missing.append((item.grade_field, f"Choose a grade for {item.label}"))
        if not is_a_sentence(assessment.narrative_of(item)):
            missing.append(
                (item.narrative_field, f"Write at least a sentence for the {item.label} narrative")
            )
    if not assessment.evidence_sources:
        missing.append(("evidence_sources", "Select at least one source of evidence"))
    if not is_a_sentence(assessment.summary):
        missing.append(("summary", "Write the summary for the board report"))
    return missing
