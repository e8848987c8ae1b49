"""The register of inspection recommendations: the SPR lead records, changes and closes them;
their owners (and the SPR lead) note progress, kept as history; the policing body's office
records the date its response was published. Every step is on the audit trail."""

import copy

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from assessments.models.recommendations import Recommendation, RecommendationUpdate
from audit.models import AuditAction
from audit.services import audit_record, model_update
from spr_portal.access import Can, may, require
from spr_portal.concurrency import check_revision
from spr_portal.wording import day, person_name

NOUN = "inspection recommendation"
FIELDS = (
    "source_body",
    "source_report",
    "published_on",
    "reference",
    "kind",
    "text",
    "owner",
    "due_on",
    "policing_body_must_respond",
)


def _check_owner(owner) -> None:
    if owner is not None and not owner.is_active:
        raise ValidationError({"owner": f"{person_name(owner)}'s account is deactivated"})


@transaction.atomic
def recommendation_record(*, actor, threats, **fields) -> Recommendation:
    require(actor, Can.MANAGE_RECOMMENDATIONS)
    recommendation = Recommendation(created_by=actor, **fields)
    recommendation.check_dates(timezone.localdate())
    _check_owner(recommendation.owner)
    recommendation.full_clean()
    recommendation.save()
    recommendation.threats.set(threats)
    audit_record(
        actor=actor,
        action=AuditAction.RECOMMENDATION_RECORDED,
        obj=recommendation,
        summary=f"{recommendation} ({recommendation.source_body}, "
        f"{day(recommendation.published_on)})"
        + (f", owner {person_name(recommendation.owner)}" if recommendation.owner else ""),
    )
    return recommendation


@transaction.atomic
def recommendation_change(*, recommendation, actor, revision: int, threats, **fields):
    """Change what was recorded, refused when someone else changed it since `revision`."""
    require(actor, Can.MANAGE_RECOMMENDATIONS)
    current = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    check_revision(current, revision, NOUN)
    # The rules that read several fields are asked of the record as it would be.
    candidate = copy.copy(current)
    for name, value in fields.items():
        setattr(candidate, name, value)
    candidate.check_dates(timezone.localdate())
    _check_owner(candidate.owner)
    if not candidate.policing_body_must_respond and current.response_published_on is not None:
        raise ValidationError(
            {
                "policing_body_must_respond": "The policing body's response is recorded: "
                "it stays one the policing body answers"
            }
        )
    update = model_update(instance=current, fields=FIELDS, data=fields, revise=True)
    summary = update.summary
    if set(current.threats.values_list("pk", flat=True)) != {threat.pk for threat in threats}:
        current.threats.set(threats)
        summary = "; ".join(part for part in (summary, "Threats changed") if part)
    if summary:
        audit_record(
            actor=actor, action=AuditAction.RECOMMENDATION_CHANGED, obj=current, summary=summary
        )
    return current


PROGRESS_REFUSAL = "Progress on an open recommendation is noted by its owner or the SPR lead."


def may_note_progress(user, recommendation) -> bool:
    """Its owner, while it is open, and the SPR lead."""
    if not recommendation.is_open:
        return False
    return recommendation.owner_id == user.pk or may(user, Can.MANAGE_RECOMMENDATIONS)


@transaction.atomic
def recommendation_note_progress(*, recommendation, actor, text: str) -> RecommendationUpdate:
    require(actor, Can.READ_RECOMMENDATIONS)
    current = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    if not may_note_progress(actor, current):
        if not current.is_open:
            raise ValidationError("This recommendation is closed: reopen it to note progress")
        raise PermissionDenied(PROGRESS_REFUSAL)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "Enter the progress made"})
    update = RecommendationUpdate(
        recommendation=current, text=text, written_by=actor, written_by_name=person_name(actor)
    )
    update.full_clean()
    update.save()
    current.revision += 1
    current.save(update_fields=["revision"])
    audit_record(
        actor=actor,
        action=AuditAction.RECOMMENDATION_UPDATED,
        obj=current,
        summary=f"Progress noted on {current} ({len(text)} characters)",
    )
    return update


@transaction.atomic
def recommendation_record_response(*, recommendation, actor, published_on) -> Recommendation:
    """The policing body's office records when its response was published."""
    require(actor, Can.RECORD_POLICING_BODY_RESPONSE)
    current = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    if not current.policing_body_must_respond:
        raise ValidationError("This recommendation needs no response from the policing body")
    if published_on is not None and published_on > timezone.localdate():
        raise ValidationError({"published_on": "The date must be today or in the past"})
    if published_on is not None and published_on < current.published_on:
        raise ValidationError(
            {"published_on": "The response cannot be published before the report it answers"}
        )
    current.response_recorded_by = actor
    update = model_update(
        instance=current,
        fields=("response_published_on",),
        data={"response_published_on": published_on},
        also=("response_recorded_by",),
        labels={"response_published_on": "Response published"},
        revise=True,
    )
    if update.changed:
        late = ""
        due = current.response_due_on
        if published_on and due and published_on > due:
            late = f", {(published_on - due).days} days after the 56 days"
        audit_record(
            actor=actor,
            action=AuditAction.RECOMMENDATION_RESPONDED,
            obj=current,
            summary=f"{update.summary}{late}",
        )
    return current


@transaction.atomic
def recommendation_close(*, recommendation, actor, reason: str) -> Recommendation:
    require(actor, Can.MANAGE_RECOMMENDATIONS)
    current = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    if not current.is_open:
        raise ValidationError(f"{current} is already closed")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Enter why it is closed, e.g. what was done"})
    RecommendationUpdate.objects.create(
        recommendation=current,
        text=f"Closed: {reason}",
        written_by=actor,
        written_by_name=person_name(actor),
    )
    current.closed_on = timezone.localdate()
    current.closed_by = actor
    current.revision += 1
    current.save(update_fields=["closed_on", "closed_by", "revision"])
    audit_record(
        actor=actor,
        action=AuditAction.RECOMMENDATION_CLOSED,
        obj=current,
        summary=f"{current} closed",
        reason=reason,
    )
    return current
