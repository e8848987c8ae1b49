"""What the SPR edition expects and the lead's answers, as the pages show them: the lead's
checklist (the lines in force and their answers now), and the answers as every other page
reads them, from the snapshot's shape (assessments/snapshots.py `expectations_content`), so
that a signed-off self-assessment shows exactly what was signed, with the words it was
signed with, and a draft what is answered now."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q

from assessments.choices import Status
from assessments.models import ExpectationAnswer
from assessments.models.expectations import Answer
from assessments.snapshots import expectations_content
from threats.expectations import Level
from threats.models import EditionExpectation

LEVEL_LABELS = dict(Level.choices)
ANSWER_LABELS = dict(Answer.choices)
# The GOV.UK tag colour of each answer (on the review and record pages).
ANSWER_TAGS = {
    Answer.IN_PLACE: "govuk-tag--green",
    Answer.PARTLY: "govuk-tag--yellow",
    Answer.NOT_IN_PLACE: "govuk-tag--red",
}


@dataclass(frozen=True)
class AnsweredLine:
    level: str
    wording: str
    citation: str
    answer: str
    evidence: str
    by: str
    at: datetime.datetime | None

    @property
    def level_label(self) -> str:
        return LEVEL_LABELS.get(self.level, self.level)

    @property
    def answer_label(self) -> str:
        return ANSWER_LABELS.get(self.answer, self.answer)

    @property
    def tag(self) -> str:
        return ANSWER_TAGS.get(self.answer, "govuk-tag--grey")


def _line(raw: dict) -> AnsweredLine:
    try:
        at = datetime.datetime.fromisoformat(raw.get("at") or "")
    except ValueError:
        at = None
    return AnsweredLine(
        level=raw.get("level", ""),
        wording=raw.get("wording", ""),
        citation=raw.get("citation", ""),
        answer=raw.get("answer", ""),
        evidence=raw.get("evidence", ""),
        by=raw.get("by", ""),
        at=at,
    )


def expectations_in(content: dict) -> list[AnsweredLine]:
    """A snapshot's (or the live content's) answers, in the checklist's order."""
    return [_line(raw) for raw in content.get("expectations", [])]


def expectations_of(assessment) -> list[AnsweredLine]:
    """As signed, once signed off; else as answered now (one query)."""
    if assessment.status == Status.SIGNED_OFF and assessment.signed_snapshot_id:
        return expectations_in(assessment.signed_snapshot.data)
    return expectations_in({"expectations": expectations_content(assessment)})


@dataclass
class ChecklistLine:
    """A line in force for the lead to answer, and its answer now (None: not answered)."""

    line: EditionExpectation
    answer: ExpectationAnswer | None

    @property
    def revision(self) -> int:
        return self.answer.revision if self.answer else 0


def checklist(assessment) -> list[ChecklistLine]:
    """The lines the assessment's lead answers, with their answers (two queries)."""
    lines = list(EditionExpectation.objects.for_assessment(assessment).in_checklist_order())
    answers = {a.expectation_id: a for a in ExpectationAnswer.objects.filter(assessment=assessment)}
    return [ChecklistLine(line, answers.get(line.pk)) for line in lines]


def checklist_progress(assessment) -> tuple[int, int]:
    """(answered, in force) of the assessment's lines, for the task list (one query)."""
    counts = EditionExpectation.objects.for_assessment(assessment).aggregate(
        total=Count("pk"),
        answered=Count("answers", filter=Q(answers__assessment=assessment)),
    )
    return counts["answered"], counts["total"]
