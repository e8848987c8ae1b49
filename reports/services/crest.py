"""The force's crest on the board paper: set or removed by an administrator, checked by its
bytes (threats/crest.py), recorded on the audit trail."""

from django.core.exceptions import ValidationError
from django.db import transaction

from audit.models import AuditAction
from audit.services import audit_record
from spr_portal.access import Can, require
from threats.crest import crest_type_of
from threats.models import ForceProfile

NO_PROFILE = "Save the force profile in the administration pages before adding its crest."


@transaction.atomic
def force_crest_set(*, actor, content: bytes | None) -> ForceProfile:
    """Store `content` as the crest (None removes it); a ValidationError if it is not a PNG,
    JPEG or plain SVG image within the size limit."""
    require(actor, Can.ADMINISTER)
    profile = ForceProfile.objects.select_for_update().first()
    if profile is None:
        raise ValidationError(NO_PROFILE)
    if content is None:
        profile.crest, profile.crest_type = b"", ""
        summary = "Crest removed"
    else:
        profile.crest_type = crest_type_of(content)
        profile.crest = content
        summary = f"Crest set ({profile.crest_type}, {len(content):,} bytes)"
    profile.save(update_fields=["crest", "crest_type"])
    audit_record(actor=actor, action=AuditAction.FORCE_CREST_CHANGED, obj=profile, summary=summary)
    return profile
