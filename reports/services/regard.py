"""The policing body's regard to a published board report: its office records receipt, its
questions and its conclusion; the force's SPR lead answers each question. Every step is a new
row (never an edit), dated and attributed, on the audit trail; a question is e-mailed to the
SPR leads through the one notification path (reports/notifications.py `notify_question`) and
waits on their home page until it is answered."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from audit.models import AuditAction
from audit.services import audit_record
from reports.assurance_models import RegardConclusion, RegardEntry, RegardKind
from reports.models import BoardReport
from reports.notifications import notify_question
from reports.paper.markup import normalise
from spr_portal.access import Can, require
from spr_portal.wording import person_name

# What the office may record; an answer is the SPR lead's (`regard_answer`).
OFFICE_KINDS = (RegardKind.RECEIPT, RegardKind.QUESTION, RegardKind.CONCLUSION)


def _published(report) -> BoardReport:
    report = BoardReport.objects.select_for_update().select_related("quarter").get(pk=report.pk)
    if report.is_draft:
        raise ValidationError("A draft has not gone to the board: there is nothing to regard yet.")
    return report


@transaction.atomic
def regard_record(*, report, actor, kind: str, text: str = "", conclusion: str = "", at=None):
    """The office records receipt of the paper, a question to the force, or its conclusion
    (noted, further assurance sought, escalated)."""
    require(actor, Can.RECORD_REGARD)
    report = _published(report)
    text = normalise(text or "").strip()
    errors = {}
    if kind not in OFFICE_KINDS:
        errors["kind"] = "Choose what you are recording"
    elif kind == RegardKind.QUESTION and not text:
        errors["text"] = "Enter your question to the force"
    elif kind == RegardKind.CONCLUSION and conclusion not in RegardConclusion.values:
        errors["conclusion"] = "Choose the conclusion"
    elif kind == RegardKind.RECEIPT and report.regard.filter(kind=RegardKind.RECEIPT).exists():
        errors["kind"] = "Receipt of this paper is already recorded"
    if errors:
        raise ValidationError(errors)
    entry = RegardEntry(
        report=report,
        kind=kind,
        text=text,
        conclusion=conclusion if kind == RegardKind.CONCLUSION else "",
        author=actor,
        author_name=person_name(actor)[:150],
        at=at or timezone.now(),
    )
    entry.full_clean()
    entry.save()
    summary = entry.heading
    if text:
        summary += f": {text[:200]}"
    audit_record(
        actor=actor,
        action=AuditAction.REGARD_RECORDED,
        obj=report,
        quarter=report.quarter,
        summary=summary,
    )
    if kind == RegardKind.QUESTION:
        notify_question(entry, actor)
    return entry


@transaction.atomic
def regard_answer(*, question, actor, text: str, at=None):
    """The SPR lead answers one question for the force; a question is answered once."""
    require(actor, Can.ANSWER_REGARD)
    question = (
        RegardEntry.objects.select_for_update()
        .select_related("report__quarter")
        .get(pk=question.pk)
    )
    if question.kind != RegardKind.QUESTION:
        raise ValidationError("Only a question is answered.")
    if question.answers.exists():
        raise ValidationError("This question has already been answered: read the answer below it.")
    text = normalise(text or "").strip()
    if not text:
        raise ValidationError({"text": "Enter the force's answer"})
    entry = RegardEntry(
        report=question.report,
        kind=RegardKind.ANSWER,
        text=text,
        answer_to=question,
        author=actor,
        author_name=person_name(actor)[:150],
        at=at or timezone.now(),
    )
    entry.full_clean()
    entry.save()
    audit_record(
        actor=actor,
        action=AuditAction.REGARD_ANSWERED,
        obj=question.report,
        quarter=question.report.quarter,
        summary=f"Answer to the question of {question.at:%-d %B %Y}: {text[:200]}",
    )
    return entry
