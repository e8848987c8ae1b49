"""Which departments contributed to a threat's response in a quarter (for example Firearms or
the ROCU brought into a threat's assessment). Set by the threat's business lead or the SPR
lead while the quarter is open; the board report's words about contributors come from here."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from assessments.models import Assessment
from assessments.services.assessments import audit_assessment, lock
from audit.models import AuditAction
from spr_portal.access import Can, may, require
from spr_portal.concurrency import check_revision
from threats.models import Department

NOUN = "self-assessment"


def contributor_choices(assessment):
    """Any department but the one that owns the threat."""
    return Department.objects.exclude(pk=assessment.threat.owning_department_id).order_by("name")


def may_set_contributors(assessment, user) -> bool:
    if not may(user, Can.SET_CONTRIBUTORS) or not assessment.quarter.is_open:
        return False
    if may(user, Can.REVIEW):
        return True
    return Department.objects.is_led_by(assessment.threat.owning_department_id, user)


def _names(departments) -> str:
    return ", ".join(sorted(d.name for d in departments)) or "none"


@transaction.atomic
def assessment_contributors_set(*, assessment, actor, departments, revision: int) -> Assessment:
    """Record exactly `departments` as contributors; refuse a save from a stale page."""
    require(actor, Can.SET_CONTRIBUTORS)
    assessment = lock(assessment)
    if not may_set_contributors(assessment, actor):
        if not assessment.quarter.is_open:
            raise ValidationError(
                f"{assessment.quarter.label} is closed: its contributors can no longer change."
            )
        raise PermissionDenied(Can.SET_CONTRIBUTORS.value)
    check_revision(assessment, revision, NOUN)
    chosen = set(departments)
    allowed = set(contributor_choices(assessment))
    if not chosen <= allowed:
        raise ValidationError(
            {"departments": "Choose departments other than the one that owns the threat"}
        )
    before = set(assessment.contributing_departments.all())
    if chosen == before:
        return assessment
    assessment.contributing_departments.set(chosen)
    assessment.revision += 1
    assessment.save(update_fields=["revision", "updated_at"])
    audit_assessment(
        actor=actor,
        action=AuditAction.CONTRIBUTORS_SET,
        assessment=assessment,
        summary=f"Contributing departments: {_names(before)} → {_names(chosen)}",
    )
    return assessment
