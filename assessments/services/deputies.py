"""The SPR lead names the deputies who may sign off a quarter's self-assessments
(assessments/signatories.py says who signs); the change is on the audit trail."""

from django.core.exceptions import ValidationError
from django.db import transaction

from assessments.models import Quarter
from assessments.signatories import spr_leads
from audit.models import AuditAction
from audit.services import audit_record
from spr_portal.access import Can, require
from spr_portal.wording import person_name


@transaction.atomic
def quarter_name_deputies(*, quarter, deputies, actor) -> Quarter:
    """Set the quarter's deputies to exactly `deputies`; each must hold the SPR lead role."""
    require(actor, Can.MANAGE_QUARTERS)
    quarter = Quarter.objects.select_for_update().get(pk=quarter.pk)
    eligible = {user.pk: user for user in spr_leads()}
    wanted = {getattr(user, "pk", user) for user in deputies}
    if stray := wanted - eligible.keys():
        raise ValidationError(
            {"deputies": f"Only people with the SPR lead role can be deputies ({len(stray)} not)"}
        )
    before = set(quarter.deputies.values_list("pk", flat=True))
    if before == wanted:
        return quarter
    quarter.deputies.set(wanted)
    named = ", ".join(sorted(person_name(eligible[pk]) for pk in wanted)) or "nobody"
    audit_record(
        actor=actor,
        action=AuditAction.QUARTER_DEPUTIES_NAMED,
        obj=quarter,
        quarter=quarter,
        summary=f"Sign-off deputies for {quarter.label}: {named}",
    )
    return quarter
