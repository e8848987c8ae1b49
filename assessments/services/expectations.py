"""The business lead's answers to what the SPR edition expects (threats/expectations.py), on
their self-assessment: for each line, in place, partly in place or not in place, with the
evidence; and the quarter's contribution figures the force records for the threat.

Written by whoever may edit the self-assessment (its owning department's business lead),
while it is a draft or returned: the same transition as saving a draft (assessments/workflow.py
SAVED). Once submitted, the answers are part of what the SPR lead reviews and signs
(assessments/snapshots.py). Evidence is asked for every answer, "not in place" included: a
line in place is what an inspection asks to see shown, and one that is not is a gap the board
wants said, with what the force is doing about it.
"""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from assessments.items import NARRATIVE_MAX_LENGTH
from assessments.models import ContributionFigure, ExpectationAnswer
from assessments.models.expectations import Answer
from assessments.models.records import WorkflowAction
from assessments.services.assessments import audit_assessment, lock
from assessments.snapshots import plain_number as plain
from assessments.workflow import check_transition
from audit.models import AuditAction
from spr_portal.concurrency import ConcurrentEdit
from spr_portal.wording import counted, person_name, too_long
from threats.models import ContributionMeasure, EditionExpectation

NOUN = "answer"
NO_ANSWER = "Choose whether it is in place, partly in place or not in place"
NO_EVIDENCE = "Enter the evidence for your answer"
LONG_EVIDENCE = too_long("The evidence", NARRATIVE_MAX_LENGTH)
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


@dataclass(frozen=True)
class FigurePosted:
    """One figure as the page sent it (text, as typed); `revision` as the page showed it."""

    measure_id: int
    value: str
    against: str
    revision: int


NO_FIGURE = "Enter the figure, as a number"
NOT_A_NUMBER = "Enter the figure as a number, such as 12 or 12.5"
NEGATIVE = "The figure cannot be less than 0"
NOT_A_MEASURE = "This figure is no longer recorded: open the page again"
FIGURE_NOUN = "figure"
MAX_FIGURE = Decimal("9999999999.99")


def value_field(measure_id) -> str:
    return f"value-{measure_id}"


def against_field(measure_id) -> str:
    return f"against-{measure_id}"


def _number(text: str, field: str, errors: dict, *, required: bool) -> Decimal | None:
    text = (text or "").strip().replace(",", "")
    if not text:
        if required:
            errors[field] = NO_FIGURE
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        errors[field] = NOT_A_NUMBER
        return None
    if not number.is_finite() or number > MAX_FIGURE or number != round(number, 2):
        errors[field] = NOT_A_NUMBER
        return None
    if number < 0:
        errors[field] = NEGATIVE
        return None
    return number


def _check_figure(posted: FigurePosted, measure, current, errors: dict):
    """(value, against) or None when left blank and never recorded (a figure once recorded
    is changed, never taken back)."""
    blank = not (posted.value or "").strip() and not (posted.against or "").strip()
    if blank and current is None:
        return None
    value = _number(posted.value, value_field(posted.measure_id), errors, required=True)
    against = None
    if measure.against:
        against = _number(posted.against, against_field(posted.measure_id), errors, required=False)
    return value, against


@transaction.atomic
def expectation_answers_save(*, assessment, actor, posted: list[Posted]) -> int:
    """Save the lead's answers alone (checklist_save without figures)."""
    return checklist_save(assessment=assessment, actor=actor, answers=posted)


@transaction.atomic
def checklist_save(
    *, assessment, actor, answers: list[Posted], figures: list[FigurePosted] = ()
) -> int:
    """Save the lead's answers and figures, all or none; how many changed. An answer or a
    figure saved by someone else since the page was opened refuses the whole save
    (ConcurrentEdit); every error of every line and figure is given at once."""
    assessment = lock(assessment)
    check_transition(WorkflowAction.SAVED, assessment, actor)
    lines = {
        line.pk: line for line in EditionExpectation.objects.for_assessment(assessment).order_by()
    }
    measures = {m.pk: m for m in ContributionMeasure.objects.for_assessment(assessment)}
    current = {
        a.expectation_id: a
        for a in ExpectationAnswer.objects.select_for_update().filter(assessment=assessment)
    }
    recorded = {
        f.measure_id: f
        for f in ContributionFigure.objects.select_for_update().filter(assessment=assessment)
    }
    errors, answered, numbers = {}, [], []
    for entry in answers:
        if entry.expectation_id not in lines:
            raise ValidationError(NOT_A_LINE)
        now = current.get(entry.expectation_id)
        if (now.revision if now else 0) != entry.revision:
            raise ConcurrentEdit(now, NOUN)
        if _check(entry, now, errors):
            answered.append(entry)
    for entry in figures:
        if entry.measure_id not in measures:
            raise ValidationError(NOT_A_MEASURE)
        now = recorded.get(entry.measure_id)
        if (now.revision if now else 0) != entry.revision:
            raise ConcurrentEdit(now, FIGURE_NOUN)
        checked = _check_figure(entry, measures[entry.measure_id], now, errors)
        if checked is not None:
            numbers.append((entry.measure_id, *checked))
    if errors:
        raise ValidationError(errors)
    name = person_name(actor)[:150]
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
        what = "evidence changed" if was == now else f"{was} → {now}"
        changed.append(f"{line.citation}: {what}")
    if changed:
        audit_assessment(
            actor=actor,
            action=AuditAction.EXPECTATIONS_ANSWERED,
            assessment=assessment,
            summary=f"{counted(len(changed), 'line')}: " + "; ".join(changed),
        )
    figures_changed = []
    for measure_id, value, against in numbers:
        row = recorded.get(measure_id) or ContributionFigure(
            assessment=assessment, measure_id=measure_id, revision=0
        )
        if row.pk and (row.value, row.against_value) == (value, against):
            continue
        was = describe_figure(row.value, row.against_value) if row.pk else "(none)"
        row.value, row.against_value = value, against
        row.written_by, row.written_by_name, row.written_at = actor, name, at
        row.revision += 1
        row.save()
        measure = measures[measure_id]
        figures_changed.append(f"{measure.name}: {was} → {describe_figure(value, against)}")
    if figures_changed:
        audit_assessment(
            actor=actor,
            action=AuditAction.FIGURES_RECORDED,
            assessment=assessment,
            summary=f"{counted(len(figures_changed), 'figure')}: " + "; ".join(figures_changed),
        )
    return len(changed) + len(figures_changed)


def describe_figure(value, against) -> str:
    return plain(value) if against is None else f"{plain(value)} against {plain(against)}"
