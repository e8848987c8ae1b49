"""What makes a self-assessment complete enough to submit for review.

The minimum for a narrative and for the summary is stated on the page before it is checked
(MINIMUM_HINT), and the error says exactly what is missing (shortfall)."""

from assessments.items import GRADED_ITEMS
from spr_portal.wording import counted

MIN_SENTENCE_CHARACTERS = 20
MIN_SENTENCE_WORDS = 4

MINIMUM_HINT = (
    f"To submit, write at least {MIN_SENTENCE_WORDS} words and "
    f"{MIN_SENTENCE_CHARACTERS} characters."
)


def is_a_sentence(text: str) -> bool:
    """At least a sentence: a few words of real text, not a placeholder such as 'tbc'."""
    text = (text or "").strip()
    return len(text) >= MIN_SENTENCE_CHARACTERS and len(text.split()) >= MIN_SENTENCE_WORDS


def shortfall(text: str, subject: str) -> str:
    """Exactly what is missing from `subject` (e.g. "the Capability narrative"), or ""."""
    text = (text or "").strip()
    if is_a_sentence(text):
        return ""
    if not text:
        return (
            f"Write {subject}: at least {MIN_SENTENCE_WORDS} words and "
            f"{MIN_SENTENCE_CHARACTERS} characters"
        )
    words, characters = len(text.split()), len(text)
    needs = []
    if words < MIN_SENTENCE_WORDS:
        needs.append(f"{counted(MIN_SENTENCE_WORDS - words, 'more word')}")
    if characters < MIN_SENTENCE_CHARACTERS:
        needs.append(f"{counted(MIN_SENTENCE_CHARACTERS - characters, 'more character')}")
    return (
        f"{subject[0].upper()}{subject[1:]} has {counted(words, 'word')} and "
        f"{counted(characters, 'character')}: write {' and '.join(needs)} (at least "
        f"{MIN_SENTENCE_WORDS} words and {MIN_SENTENCE_CHARACTERS} characters)"
    )


def missing_for_submission(assessment) -> list[tuple[str, str]]:
    """Each (field name, message) that stops the assessment being submitted, in form order."""
    missing = []
    for item in GRADED_ITEMS:
        if assessment.grade_of(item) is None:
            missing.append((item.grade_field, f"Choose a grade for {item.label}"))
        message = shortfall(assessment.narrative_of(item), f"the {item.label} narrative")
        if message:
            missing.append((item.narrative_field, message))
    if not assessment.evidence_sources:
        missing.append(("evidence_sources", "Select at least one source of evidence"))
    message = shortfall(assessment.summary, "the summary for the board report")
    if message:
        missing.append(("summary", message))
    return missing
