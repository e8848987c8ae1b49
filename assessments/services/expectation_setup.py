"""Writes of the set-up pages (onboarding/views/expectations.py) of what each SPR edition
expects (threats/expectations.py): add, change and retire a line, and the force's
contribution figures likewise. Administrators only; each audited in its own transaction; a
change from a page opened before someone else's is refused (spr_portal/concurrency.py). Here,
below the set-up app, so that the demo (assessments/demo/expectations.py) enters its lines
through them too."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from audit.models import AuditAction
from audit.services import audit_record, model_update
from spr_portal.access import Can, require
from spr_portal.concurrency import check_revision
from spr_portal.wording import too_long
from threats.expectations import CITATION_MAX_LENGTH, WORDING_MAX_LENGTH, Level, Period
from threats.models import ContributionMeasure, EditionExpectation

NOUN = "line"
EMPTY_WORDING = "Enter what the edition expects, as its text words it"
LONG_WORDING = too_long("The line", WORDING_MAX_LENGTH)
EMPTY_CITATION = (
    "Enter where the line comes from: the edition's paragraph or section, or the force's own "
    "plan that sets it"
)
LONG_CITATION = too_long("The source", CITATION_MAX_LENGTH)
NAME_MAX_LENGTH, UNIT_MAX_LENGTH, AGAINST_MAX_LENGTH = 120, 40, 120  # ContributionMeasure's
LONG_NAME = too_long("The name", NAME_MAX_LENGTH)
LONG_UNIT = too_long("The unit", UNIT_MAX_LENGTH)
LONG_AGAINST = too_long("What it is set against", AGAINST_MAX_LENGTH)
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


def _unchanged(row, fields: dict) -> bool:
    """Saving the same values again is no change: no new revision, no audit row."""
    return all(getattr(row, name) == value for name, value in fields.items())


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
    if _unchanged(line, fields):
        return line
    update = model_update(instance=line, fields=fields, data=fields, labels=LABELS, revise=True)
    _audit(actor, AuditAction.EXPECTATION_CHANGED, line, update.summary)
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


# The force's contribution figures (threats/expectations.py ContributionMeasure).
MEASURE_NOUN = "figure"
EMPTY_NAME = "Enter the figure's name"
EMPTY_UNIT = "Enter the figure's unit, such as officers or units"
NO_PERIOD = "Choose whether the figure counts the quarter or stands at its end"
MEASURE_LABELS = {"name": "Name", "unit": "Unit", "period": "Period", "against": "Against"}


def clean_measure(*, name: str, unit: str, period: str, against: str) -> dict:
    name, unit, against = ((v or "").strip() for v in (name, unit, against))
    errors = {}
    if not name:
        errors["name"] = EMPTY_NAME
    elif len(name) > NAME_MAX_LENGTH:
        errors["name"] = LONG_NAME
    if not unit:
        errors["unit"] = EMPTY_UNIT
    elif len(unit) > UNIT_MAX_LENGTH:
        errors["unit"] = LONG_UNIT
    if period not in Period.values:
        errors["period"] = NO_PERIOD
    if len(against) > AGAINST_MAX_LENGTH:
        errors["against"] = LONG_AGAINST
    if errors:
        raise ValidationError(errors)
    return {"name": name, "unit": unit, "period": period, "against": against}


@transaction.atomic
def measure_add(*, actor, threat, name, unit, period, against="") -> ContributionMeasure:
    require(actor, Can.SET_UP_FORCE)
    fields = clean_measure(name=name, unit=unit, period=period, against=against)
    last = ContributionMeasure.objects.filter(threat=threat).aggregate(last=Max("position"))
    position = 0 if last["last"] is None else last["last"] + 1
    measure = ContributionMeasure.objects.create(threat=threat, position=position, **fields)
    _audit(actor, AuditAction.MEASURE_ADDED, measure, f"{threat.name}: {measure}")
    return measure


@transaction.atomic
def measure_change(*, actor, measure, name, unit, period, against, revision: int):
    require(actor, Can.SET_UP_FORCE)
    measure = (
        ContributionMeasure.objects.select_for_update().select_related("threat").get(pk=measure.pk)
    )
    check_revision(measure, revision, MEASURE_NOUN)
    fields = clean_measure(name=name, unit=unit, period=period, against=against)
    if _unchanged(measure, fields):
        return measure
    update = model_update(
        instance=measure, fields=fields, data=fields, labels=MEASURE_LABELS, revise=True
    )
    _audit(actor, AuditAction.MEASURE_CHANGED, measure, update.summary)
    return measure


@transaction.atomic
def measure_retire(*, actor, measure, revision: int):
    require(actor, Can.SET_UP_FORCE)
    measure = (
        ContributionMeasure.objects.select_for_update().select_related("threat").get(pk=measure.pk)
    )
    check_revision(measure, revision, MEASURE_NOUN)
    if measure.retired_at is None:
        measure.retired_at = timezone.now()
        measure.revision += 1
        measure.save(update_fields=["retired_at", "revision"])
        _audit(actor, AuditAction.MEASURE_RETIRED, measure, f"{measure.threat.name}: retired")
    return measure
