"""The annual SPR assurance statement: the policing body's office drafts it from a financial
year's four signed-off quarters (reports/assurance.py), edits it (revision-checked, audited
through `model_update`), then publishes it: the PDF and the Word file are rendered once and
their bytes stored with their SHA-256 (`StatementFile`), never rendered again; what was
published is recorded (`published_record`) for `verify_integrity`."""

import hashlib

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from audit.models import AuditAction
from audit.services import audit_record, model_update
from reports.assurance import draft_contents, year_readiness
from reports.assurance_models import (
    AssuranceStatement,
    StatementFile,
    StatementFileKind,
    StatementStatus,
)
from reports.frozen import statement_record
from reports.paper.markup import normalise
from reports.paper.statement import render_statement_docx, render_statement_pdf
from reports.services.publishing import signed_when_configured
from spr_portal.access import Can, require
from spr_portal.concurrency import check_revision
from threats.force_profile import ForceProfile, Marking

NOUN = "assurance statement"
EDITABLE_FIELDS = (
    "title",
    "marking",
    "introduction",
    "grades_commentary",
    "risks",
    "actions",
    "contribution",
    "conclusions",
)


def _audit(statement, actor, action, summary: str) -> None:
    audit_record(actor=actor, action=action, obj=statement, summary=summary)


@transaction.atomic
def statement_create(*, year: int, actor) -> AssuranceStatement:
    """A draft for the financial year starting in April of `year`, from its four signed-off
    quarters; refused, saying which quarter is short, when the year does not have them."""
    require(actor, Can.DRAFT_STATEMENTS)
    if AssuranceStatement.objects.filter(financial_year=year).exists():
        raise ValidationError({"year": "A statement for this year has already been started"})
    readiness = year_readiness(year)
    if not readiness.ready:
        raise ValidationError(
            {"year": f"{readiness.label} cannot be drafted yet: " + "; ".join(readiness.problems)}
        )
    force = ForceProfile.current()
    contents = draft_contents(actor, readiness, force=force, body_name=force.body_name)
    statement = AssuranceStatement(
        financial_year=year,
        force_name=force.force_name,
        body_name=force.body_name,
        office_name=force.office_name,
        marking=force.default_marking or Marking.OFFICIAL,
        created_by=actor,
        **contents,
    )
    statement.full_clean()
    try:
        with transaction.atomic():
            statement.save()
    except IntegrityError:
        raise ValidationError(
            {"year": "A statement for this year has already been started"}
        ) from None
    _audit(
        statement,
        actor,
        AuditAction.STATEMENT_DRAFTED,
        f"Drafted from {readiness.label}'s four signed-off quarters",
    )
    return statement


def _lock(statement) -> AssuranceStatement:
    return AssuranceStatement.objects.select_for_update().get(pk=statement.pk)


def _editable(statement, actor) -> None:
    require(actor, Can.DRAFT_STATEMENTS)
    if not statement.is_draft:
        raise ValidationError("A published statement cannot be changed.")


@transaction.atomic
def statement_update(*, statement, actor, data: dict, revision: int) -> AssuranceStatement:
    statement = _lock(statement)
    _editable(statement, actor)
    check_revision(statement, revision, NOUN)
    data = {
        name: normalise(value) if name not in ("title", "marking") else value.strip()
        for name, value in data.items()
    }
    update = model_update(instance=statement, fields=EDITABLE_FIELDS, data=data, revise=True)
    if update.changed:
        _audit(statement, actor, AuditAction.STATEMENT_CHANGED, update.summary)
    return statement


def _store(statement, kind, content: bytes, pages=None, signed_by=None) -> StatementFile:
    return StatementFile.objects.create(
        statement=statement,
        kind=kind,
        content=content,
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
        pages=pages,
        rendered_at=statement.published_at,
        signer_subject=signed_by.subject if signed_by else "",
        signer_fingerprint=signed_by.fingerprint if signed_by else "",
    )


@transaction.atomic
def statement_publish(*, statement, actor, revision: int, at=None) -> AssuranceStatement:
    """Freeze the statement: its PDF and Word file rendered once and stored with their
    SHA-256; `revision` is the one the office read, so a statement changed since is not
    published."""
    statement = _lock(statement)
    _editable(statement, actor)
    check_revision(statement, revision, NOUN)
    statement.status = StatementStatus.PUBLISHED
    statement.published_at = at or timezone.now()
    statement.published_by = actor
    statement.revision += 1
    statement.published_record = statement_record(statement)
    statement.full_clean()
    statement.save()
    pdf, signed_by = signed_when_configured(
        render_statement_pdf(statement),
        refused="The statement could not be signed, so it was not published.",
        reason="Published SPR assurance statement",
    )
    stored_pdf = _store(statement, StatementFileKind.PDF, pdf.content, pdf.pages, signed_by)
    docx = render_statement_docx(statement)
    stored_docx = _store(statement, StatementFileKind.DOCX, docx.content)
    summary = f"PDF stored: SHA-256 {stored_pdf.sha256}"
    if signed_by:
        summary += f", signed by {signed_by.subject} (certificate SHA-256 {signed_by.fingerprint})"
    _audit(
        statement,
        actor,
        AuditAction.STATEMENT_PUBLISHED,
        f"{summary}; Word file stored: SHA-256 {stored_docx.sha256}",
    )
    return statement
