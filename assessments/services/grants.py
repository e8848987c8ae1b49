"""Late submissions: after a quarter closes, the SPR lead may let one threat's business lead
start or submit. The grant is its own record (who, when, why)."""

from django.core.exceptions import ValidationError
from django.db import transaction

from assessments.choices import Status
from assessments.models import Assessment, LateSubmissionGrant
from audit.models import AuditAction
from audit.services import audit_record
from spr_portal.access import Can, require
from threats.naming import name_in


@transaction.atomic
def late_submission_grant(*, quarter, threat, reason: str, actor) -> LateSubmissionGrant:
    require(actor, Can.MANAGE_QUARTERS)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Enter why this threat may submit late"})
    if quarter.is_open:
        raise ValidationError(
            {"threat": f"{quarter.label} is still open: a late submission is for a closed quarter"}
        )
    if not quarter.edition.threats().filter(pk=threat.pk).exists():
        raise ValidationError(
            {"threat": f"{name_in(threat, quarter)} is not a national threat of {quarter.edition}"}
        )
    status = (
        Assessment.objects.filter(quarter=quarter, threat=threat)
        .values_list("status", flat=True)
        .first()
    )
    if status in (Status.SUBMITTED, Status.SIGNED_OFF):
        raise ValidationError(
            {"threat": f"{name_in(threat, quarter)} is already submitted for {quarter.label}"}
        )
    if LateSubmissionGrant.objects.filter(quarter=quarter, threat=threat).exists():
        raise ValidationError(
            {
                "threat": f"{name_in(threat, quarter)} already has a late submission "
                f"for {quarter.label}"
            }
        )
    grant = LateSubmissionGrant(quarter=quarter, threat=threat, reason=reason, granted_by=actor)
    grant.full_clean()
    grant.save()
    audit_record(
        actor=actor,
        action=AuditAction.LATE_SUBMISSION_GRANTED,
        obj=quarter,
        threat=threat,
        quarter=quarter,
        summary=f"{name_in(threat, quarter)} may start or submit late for {quarter.label}",
        reason=reason,
    )
    return grant
