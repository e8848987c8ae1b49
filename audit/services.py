"""Writing the audit trail. Every service calls `audit_record` inside its own transaction, so
a change and its audit row are committed together or not at all."""

import datetime

from django.db import models
from django.utils import dateformat

from audit.models import AuditAction, AuditEvent

# A value longer than this is summarised as "changed" rather than copied: the audit trail
# says what changed; the record itself (and its signed versions) holds the text.
SHORT_VALUE = 80


def audit_record(
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
    """One row: who (`actor`, None for an unknown one named by `actor_name`), what, to which
    object, and why."""
    known = actor is not None and getattr(actor, "pk", None) is not None
    return AuditEvent.objects.create(
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


def changes(before: dict, after: dict, labels: dict[str, str] | None = None) -> str:
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
            parts.append(f"{label}: {old_text} → {new_text}")
    return "; ".join(parts)
