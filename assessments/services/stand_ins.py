"""The SPR lead names a stand-in: someone who acts as a department's business lead from one
date to another (a lead on leave, a post between holders), instead of giving a role and
having to remember to take it back. The access follows the dates by itself
(threats/stand_ins.py); naming and ending early are on the audit trail."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from audit.models import AuditAction
from audit.services import audit_record
from spr_portal.access import Can, require
from spr_portal.roles import Role, roles_of
from spr_portal.wording import day, person_name
from threats.models import DepartmentStandIn

# Longer than this is a post, not a stand-in: give the role on Manage users.
LONGEST_STAND_IN_DAYS = 366


def _check(*, department, person, starts_on, ends_on, reason, actor) -> str:
    reason = (reason or "").strip()
    errors = {}
    if not reason:
        errors["reason"] = "Enter why they stand in"
    if person is None:
        errors["person"] = "Select who stands in"
    elif person.pk == actor.pk:
        errors["person"] = "You cannot name yourself: another SPR lead must"
    elif not person.is_active:
        errors["person"] = f"{person_name(person)}'s account is deactivated"
    elif Role.SPR_LEAD in roles_of(person):
        errors["person"] = (
            f"{person_name(person)} has the SPR lead role, which reviews and signs off: someone "
            "who reviews cannot also stand in as a business lead"
        )
    elif department is not None and department.leads.filter(pk=person.pk).exists():
        errors["person"] = f"{person_name(person)} is already a business lead of {department}"
    today = timezone.localdate()
    if starts_on is not None and starts_on < today:
        errors["starts_on"] = "The first day they stand in must be today or in the future"
    if starts_on is not None and ends_on is not None:
        if ends_on < starts_on:
            errors["ends_on"] = "The last day they stand in must be on or after the first day"
        elif (ends_on - starts_on).days >= LONGEST_STAND_IN_DAYS:
            errors["ends_on"] = (
                "A stand-in lasts a year at most: for longer, make them a business lead"
            )
    if errors:
        raise ValidationError(errors)
    overlapping = DepartmentStandIn.objects.filter(
        department=department,
        person=person,
        ended_at__isnull=True,
        starts_on__lte=ends_on,
        ends_on__gte=starts_on,
    ).first()
    if overlapping is not None:
        raise ValidationError(
            {
                "person": f"{person_name(person)} already stands in for {department}, "
                f"{overlapping.dates}"
            }
        )
    return reason


@transaction.atomic
def stand_in_name(
    *,
    department,
    person,
    starts_on: datetime.date,
    ends_on: datetime.date,
    reason: str,
    actor,
) -> DepartmentStandIn:
    """`person` acts as `department`'s business lead from `starts_on` to `ends_on` inclusive:
    its self-assessments, with the business lead's access, and nothing else."""
    require(actor, Can.NAME_STAND_INS)
    reason = _check(
        department=department,
        person=person,
        starts_on=starts_on,
        ends_on=ends_on,
        reason=reason,
        actor=actor,
    )
    stand_in = DepartmentStandIn(
        department=department,
        person=person,
        starts_on=starts_on,
        ends_on=ends_on,
        reason=reason,
        named_by=actor,
    )
    stand_in.full_clean()
    stand_in.save()
    person._spr_acting = None  # what they may do changes with the dates, not this object
    audit_record(
        actor=actor,
        action=AuditAction.STAND_IN_NAMED,
        obj=stand_in,
        summary=f"{person_name(person)} stands in as business lead of {department} from "
        f"{day(starts_on)} to {day(ends_on)}",
        reason=reason,
    )
    return stand_in


@transaction.atomic
def stand_in_end(*, stand_in, actor) -> DepartmentStandIn:
    """End a stand-in before its last day (the lead is back, or it was the wrong person)."""
    require(actor, Can.NAME_STAND_INS)
    stand_in = DepartmentStandIn.objects.select_for_update().get(pk=stand_in.pk)
    if stand_in.ended_at is not None or stand_in.ends_on < timezone.localdate():
        raise ValidationError(f"{stand_in} has already ended")
    stand_in.ended_at = timezone.now()
    stand_in.ended_by = actor
    stand_in.save(update_fields=["ended_at", "ended_by"])
    audit_record(
        actor=actor,
        action=AuditAction.STAND_IN_ENDED,
        obj=stand_in,
        summary=f"{person_name(stand_in.person)} no longer stands in as business lead of "
        f"{stand_in.department} (named for {stand_in.dates})",
    )
    return stand_in
