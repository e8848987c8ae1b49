"""Writing the audit trail. Every service calls `audit_record` inside its own transaction, so
a change and its audit row are committed together or not at all."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import dateformat

from audit.models import AuditAction, AuditEvent

# A value longer than this is summarised as "changed" rather than copied: the audit trail
# says what changed; the record itself (and its signed versions) holds the text.
SHORT_VALUE = 80


def audit_record(**row) -> AuditEvent:
    """One row on the trail, written now (`audit_row` says what it holds)."""
    event = audit_row(**row)
    event.save(force_insert=True)
    return event


def audit_row(
    *,
    actor,
    action: AuditAction,
    obj: models.Model | None = None,
    threat=None,
    quarter=None,
    summary: str = "",
    reason: str = "",
    ip_address: str | None = None,
    actor_name: str = "",
) -> AuditEvent:
    """One row, not yet written (a caller that writes it with others in one statement:
    spr_portal/together.py): who (`actor`, None for an unknown one named by `actor_name`),
    what, to which object, and why. An action not in AuditAction is refused: the column takes
    any text."""
    if action not in AuditAction.values:
        raise ValueError(
            f"Unknown audit action {action!r}: add it to AuditAction in audit/models.py first"
        )
    known = actor is not None and getattr(actor, "pk", None) is not None
    return AuditEvent(
        actor=actor if known else None,
        actor_name=(actor.get_username() if known else actor_name)[:150],
        action=action,
        object_type=str(obj._meta.verbose_name)[:40] if obj is not None else "",
        object_id=obj.pk if obj is not None else None,
        object_label=str(obj)[:200] if obj is not None else "",
        threat=threat,
        quarter=quarter,
        summary=summary,
        reason=reason,
        ip_address=ip_address,
    )


def audit_refusal(request, reason: str) -> AuditEvent:
    """A request the portal refused (a page outside the user's role, a forged form): who
    asked for what, from where, and why it was refused."""
    user = getattr(request, "user", None)
    known = user is not None and user.is_authenticated
    return audit_record(
        actor=user if known else None,
        actor_name="" if known else "(not signed in)",
        action=AuditAction.ACCESS_REFUSED,
        summary=f"{request.method} {request.get_full_path()[:300]}",
        reason=reason,
        ip_address=request.META.get("REMOTE_ADDR"),
    )


def describe(value) -> str:
    """A value as the audit summary writes it."""
    if value is None or value == "" or value == []:
        return "(empty)"
    if isinstance(value, datetime.date):
        return dateformat.format(value, "j F Y")
    if isinstance(value, list | tuple | set | frozenset):
        return ", ".join(str(v) for v in value)
    return str(value)


def changes(
    before: dict, after: dict, labels: dict[str, str] | None = None, *, colon: str = ":"
) -> str:
    """ "Label: old → new; …" for the fields whose value differs; long texts only as
    "Label changed"."""
    parts = []
    for name, new in after.items():
        old = before.get(name)
        if old == new:
            continue
        label = (labels or {}).get(name, name.replace("_", " ").capitalize())
        old_text, new_text = describe(old), describe(new)
        if len(old_text) > SHORT_VALUE or len(new_text) > SHORT_VALUE:
            parts.append(f"{label} changed")
        else:
            parts.append(f"{label}{colon} {old_text} → {new_text}")
    return "; ".join(parts)


def readable(instance: models.Model, field: str):
    """A field's value as a person reads it: a choice's label (the grade's name, not its
    number; each label of a list of choices), else the value itself."""
    value = getattr(instance, field)
    choices = dict(instance._meta.get_field(field).flatchoices)
    if not choices or value in (None, ""):
        return value
    if isinstance(value, list):
        return [choices.get(v, v) for v in value]
    return choices.get(value, value)


@dataclass(frozen=True)
class Update:
    changed: tuple[str, ...]  # the fields of `data` whose value is now different
    summary: str  # "Label: old → new; …" of those, for the audit row; "" if none
    written: tuple[str, ...] = ()  # the fields the save writes (or, with save=False, would)


def model_update(
    *,
    instance: models.Model,
    fields: Iterable[str],
    data: dict,
    also: Iterable[str] = (),
    labels: dict[str, str] | None = None,
    colon: str = ":",
    revise: bool = False,
    validate_data_only: bool = False,
    save: bool = True,
) -> Update:
    """Set `data` on `instance` (a row the caller read under a lock), validate, save, and say
    what changed, old → new, in the words of the audit trail.

    `fields`: those a caller may set (another refused); `also`: fields the service set itself,
    saved but not summarised; `revise`: the record carries a revision (optimistic lock),
    raised by one; `validate_data_only`: check only the fields being saved, not the others,
    the unique rows or the constraints (the caller says why the database suffices).
    Only the fields set are written, so a save never overwrites another column. `save`
    False: the caller writes `written` itself (with other rows, in one statement)."""
    meta = instance._meta
    unknown = set(data) - set(fields)
    if unknown:
        noun = str(meta.verbose_name)
        article = "an" if noun[0] in "aeiou" else "a"
        raise ValidationError(f"Not fields of {article} {noun}: {', '.join(sorted(unknown))}")
    before = {name: readable(instance, name) for name in data}
    for name, value in data.items():
        setattr(instance, name, value)
    saved = [*data, *also]
    if validate_data_only:
        instance.full_clean(
            exclude=[f.name for f in meta.concrete_fields if f.name not in saved],
            validate_unique=False,
            validate_constraints=False,
        )
    else:
        instance.full_clean()
    if revise:
        instance.revision += 1
        saved.append("revision")
    # auto_now fields (updated_at) are set by save() only when they are among update_fields.
    saved += [f.name for f in meta.concrete_fields if getattr(f, "auto_now", False)]
    if save:
        instance.save(update_fields=saved)
    after = {name: readable(instance, name) for name in data}
    labels = {name: str(meta.get_field(name).verbose_name).capitalize() for name in data} | (
        labels or {}
    )
    return Update(
        changed=tuple(name for name in data if before[name] != after[name]),
        summary=changes(before, after, labels, colon=colon),
        written=tuple(saved),
    )
