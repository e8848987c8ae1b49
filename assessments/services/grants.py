"""Late submissions: after a quarter closes, the SPR lead may let one threat's business lead
start or submit until a deadline of its own. The grant is its own record (who, when, why,
until when); it expires by itself at the end of its deadline. Reopening a signed-off
self-assessment of a closed quarter grants one in the same step (assessment_reopen)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import dateformat

from assessments.choices import Status
from assessments.models import Assessment, LateSubmissionGrant
from audit.models import AuditAction
from audit.services import audit_record
from spr_portal.access import Can, require
from threats.naming import name_in


@transaction.atomic
def late_submission_grant(
    *, quarter, threat, reason: str, deadline, actor, with_reopening: bool = False
) -> LateSubmissionGrant:
    """Let `threat`'s business lead start or submit in closed `quarter` until the end of
    `deadline` (a day after today, within a year). `with_reopening`: granted by the reopening
    of its signed-off self-assessment, which may come while an earlier grant still runs."""
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
    LateSubmissionGrant.check_deadline(deadline)
    status = (
        Assessment.objects.filter(quarter=quarter, threat=threat)
        .values_list("status", flat=True)
        .first()
    )
    if status in (Status.SUBMITTED, Status.SIGNED_OFF):
        raise ValidationError(
            {"threat": f"{name_in(threat, quarter)} is already submitted for {quarter.label}"}
        )
    running = LateSubmissionGrant.objects.filter(quarter=quarter, threat=threat).active().first()
    if running is not None and not with_reopening:
        raise ValidationError(
            {
                "threat": f"{name_in(threat, quarter)} already has a late submission "
                f"for {quarter.label} ({running.ends[0].lower()}{running.ends[1:]})"
            }
        )
    grant = LateSubmissionGrant(
        quarter=quarter, threat=threat, reason=reason, deadline=deadline, granted_by=actor
    )
    grant.full_clean()
    grant.save()
    until = dateformat.format(deadline, "j F Y")
    audit_record(
        actor=actor,
        action=AuditAction.LATE_SUBMISSION_GRANTED,
        obj=quarter,
        threat=threat,
        quarter=quarter,
        summary=f"{name_in(threat, quarter)} may start or submit late for {quarter.label} "
        f"until the end of {until}" + (", with the reopening" if with_reopening else ""),
        reason=reason,
    )
    return grant
