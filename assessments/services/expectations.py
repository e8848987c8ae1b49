"""The business lead's answers to what the SPR edition expects (threats/expectations.py), on
their self-assessment: for each line, in place, partly in place or not in place, with the
evidence.

Written by whoever may edit the self-assessment (its owning department's business lead),
while it is a draft or returned: the same transition as saving a draft (assessments/workflow.py
SAVED). Once submitted, the answers are part of what the SPR lead reviews and signs
(assessments/snapshots.py). Evidence is asked for every answer, "not in place" included: a
line in place is what an inspection asks to see shown, and one that is not is a gap the board
wants said, with what the force is doing about it.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from assessments.items import NARRATIVE_MAX_LENGTH
from assessments.models import ExpectationAnswer
from assessments.models.expectations import Answer
from assessments.models.records import WorkflowAction
from assessments.services.assessments import audit_assessment, lock
from assessments.workflow import check_transition
from audit.models import AuditAction
from spr_portal.concurrency import ConcurrentEdit
from spr_portal.wording import counted
from threats.models import EditionExpectation

NOUN = "answer"
NO_ANSWER = "Choose whether it is in place, partly in place or not in place"
NO_EVIDENCE = "Enter the evidence for your answer"
LONG_EVIDENCE = f"The evidence must be {NARRATIVE_MAX_LENGTH:,} characters or fewer"
NOT_A_LINE = "This line is no longer asked: open the page again"


@dataclass(frozen=True)
class Posted:
    """One line's answer as the page sent it; `revision` the answer's as the page showed it
    (0 when there was none)."""

    expectation_id: int
    answer: str
    evidence: str
    revision: int


def answer_field(expectation_id) -> str:
    return f"answer-{expectation_id}"


def evidence_field(expectation_id) -> str:
    return f"evidence-{expectation_id}"


def _check(posted: Posted, current: ExpectationAnswer | None, errors: dict) -> bool:
    """Whether the line is answered (both blank: left unanswered, unless it was answered:
    an answer is changed, never taken back); errors by the page's field names."""
    answer, evidence = posted.answer or "", (posted.evidence or "").strip()
    if not answer and not evidence and current is None:
        return False
    if answer not in Answer.values:
        errors[answer_field(posted.expectation_id)] = NO_ANSWER
    if not evidence:
        errors[evidence_field(posted.expectation_id)] = NO_EVIDENCE
    elif len(evidence) > NARRATIVE_MAX_LENGTH:
        errors[evidence_field(posted.expectation_id)] = LONG_EVIDENCE
    return True


@transaction.atomic
def expectation_answers_save(*, assessment, actor, posted: list[Posted]) -> int:
    """Save the lead's answers, all or none; how many changed. A line answered by someone
    else since the page was opened refuses the whole save (ConcurrentEdit)."""
    assessment = lock(assessment)
    check_transition(WorkflowAction.SAVED, assessment, actor)
    lines = {
        line.pk: line for line in EditionExpectation.objects.for_assessment(assessment).order_by()
    }
    current = {
        a.expectation_id: a
        for a in ExpectationAnswer.objects.select_for_update().filter(assessment=assessment)
    }
    errors, answered = {}, []
    for entry in posted:
        if entry.expectation_id not in lines:
            raise ValidationError(NOT_A_LINE)
        now = current.get(entry.expectation_id)
        if (now.revision if now else 0) != entry.revision:
            raise ConcurrentEdit(now, NOUN)
        if _check(entry, now, errors):
            answered.append(entry)
    if errors:
        raise ValidationError(errors)
    name = (actor.get_full_name() or actor.get_username())[:150]
    at = timezone.now().replace(microsecond=0)
    changed = []
    for entry in answered:
        row = current.get(entry.expectation_id) or ExpectationAnswer(
            assessment=assessment, expectation_id=entry.expectation_id, revision=0
        )
        evidence = entry.evidence.strip()
        if row.pk and (row.answer, row.evidence) == (entry.answer, evidence):
            continue
        was = row.get_answer_display() if row.pk else "(unanswered)"
        row.answer, row.evidence = entry.answer, evidence
        row.written_by, row.written_by_name, row.written_at = actor, name, at
        row.revision += 1
        row.save()
        line = lines[entry.expectation_id]
        now = row.get_answer_display()
        changed.append(
            f"{line.citation}: " + ("evidence changed" if was == now else f"{was} → {now}")
        )
    if changed:
        audit_assessment(
            actor=actor,
            action=AuditAction.EXPECTATIONS_ANSWERED,
            assessment=assessment,
            summary=f"{counted(len(changed), 'line')}: " + "; ".join(changed),
        )
    return len(changed)
