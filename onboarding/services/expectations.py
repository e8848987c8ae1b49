"""Writes of the set-up page of what each SPR edition expects (threats/expectations.py): add,
change and retire a line. Administrators only; each audited in its own transaction; a change
from a page opened before someone else's is refused (spr_portal/concurrency.py)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from audit.models import AuditAction
from audit.services import audit_record, changes
from spr_portal.access import Can, require
from spr_portal.concurrency import check_revision
from threats.expectations import CITATION_MAX_LENGTH, WORDING_MAX_LENGTH, Level
from threats.models import EditionExpectation

NOUN = "line"
EMPTY_WORDING = "Enter what the edition expects, as its text words it"
LONG_WORDING = f"The line must be {WORDING_MAX_LENGTH:,} characters or fewer"
EMPTY_CITATION = (
    "Enter where the line comes from: the edition's paragraph or section, or the force's own "
    "plan that sets it"
)
LONG_CITATION = f"The source must be {CITATION_MAX_LENGTH:,} characters or fewer"
NO_LEVEL = "Choose whether the capability is local, regional or national"
LABELS = {"level": "Level", "wording": "Line", "citation": "Source"}


def clean_line(*, level: str, wording: str, citation: str) -> dict:
    """The line's fields, trimmed, or a ValidationError naming every field in error."""
    wording, citation = (wording or "").strip(), (citation or "").strip()
    errors = {}
    if level not in Level.values:
        errors["level"] = NO_LEVEL
    if not wording:
        errors["wording"] = EMPTY_WORDING
    elif len(wording) > WORDING_MAX_LENGTH:
        errors["wording"] = LONG_WORDING
    if not citation:
        errors["citation"] = EMPTY_CITATION
    elif len(citation) > CITATION_MAX_LENGTH:
        errors["citation"] = LONG_CITATION
    if errors:
        raise ValidationError(errors)
    return {"level": level, "wording": wording, "citation": citation}


def _audit(actor, action, line, summary) -> None:
    audit_record(actor=actor, action=action, obj=line, threat=line.threat, summary=summary)


@transaction.atomic
def expectation_add(*, actor, threat, edition, level, wording, citation) -> EditionExpectation:
    require(actor, Can.SET_UP_FORCE)
    fields = clean_line(level=level, wording=wording, citation=citation)
    line = EditionExpectation(threat=threat, edition=edition, **fields)
    line.clean()  # the threat is in force under the edition
    last = EditionExpectation.objects.filter(threat=threat, edition=edition).aggregate(
        last=Max("position")
    )["last"]
    line.position = 0 if last is None else last + 1
    line.save()
    _audit(
        actor,
        AuditAction.EXPECTATION_ADDED,
        line,
        f"{threat.name}, {edition.title}, {line.get_level_display().lower()}: "
        f"cited as {line.citation}",
    )
    return line


@transaction.atomic
def expectation_change(
    *, actor, line, level, wording, citation, revision: int
) -> EditionExpectation:
    """Change a line's level, wording or source. What was signed keeps the words it was
    signed with (the snapshot holds them); the quarters from now on answer the new ones."""
    require(actor, Can.SET_UP_FORCE)
    line = EditionExpectation.objects.select_for_update().select_related("threat").get(pk=line.pk)
    check_revision(line, revision, NOUN)
    fields = clean_line(level=level, wording=wording, citation=citation)
    before = {name: getattr(line, name) for name in fields}
    if before == fields:
        return line
    for name, value in fields.items():
        setattr(line, name, value)
    line.revision += 1
    line.save()
    _audit(actor, AuditAction.EXPECTATION_CHANGED, line, changes(before, fields, LABELS))
    return line


@transaction.atomic
def expectation_retire(*, actor, line, revision: int) -> EditionExpectation:
    """The line is no longer asked: quarters from now on do not list it; the answers given
    to it stay with their self-assessments (and with what was signed)."""
    require(actor, Can.SET_UP_FORCE)
    line = EditionExpectation.objects.select_for_update().select_related("threat").get(pk=line.pk)
    check_revision(line, revision, NOUN)
    if line.retired_at is not None:
        return line
    line.retired_at = timezone.now()
    line.revision += 1
    line.save(update_fields=["retired_at", "revision"])
    _audit(actor, AuditAction.EXPECTATION_RETIRED, line, f"{line.threat.name}: retired")
    return line
