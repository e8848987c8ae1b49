"""A contributing department's text in a section of another department's self-assessment.

Written by a business lead of a department recorded as contributing to the self-assessment
(assessments/services/contributors.py records which), while it is a draft or returned: the
same statuses in which its owning business lead may edit it. Once submitted, a contribution
is part of what the SPR lead reviews and signs (assessments/snapshots.py), so it is refused.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from assessments.choices import EDITABLE_STATUSES, Status
from assessments.items import NARRATIVE_MAX_LENGTH
from assessments.models import Contribution
from assessments.models.contributions import CONTRIBUTION_SECTIONS
from assessments.services.assessments import audit_assessment, lock
from assessments.workflow import TransitionNotAllowed
from audit.models import AuditAction
from spr_portal.access import Can, may, require
from spr_portal.concurrency import check_revision
from spr_portal.wording import person_name, too_long

NOUN = "contribution"
SECTION_LABELS = dict(CONTRIBUTION_SECTIONS)
EMPTY = "Enter your department's contribution"
TOO_LONG = too_long("Your contribution", NARRATIVE_MAX_LENGTH)
NOT_A_CONTRIBUTOR = (
    "Only a business lead of a department recorded as contributing to this self-assessment "
    "may add to it."
)


def departments_contributing_as(assessment, user) -> list:
    """The departments the user leads that are recorded as contributing to the assessment
    (a business lead of the owning department is never one: it is not a contributor)."""
    if not may(user, Can.CONTRIBUTE):
        return []
    return list(assessment.contributing_departments.filter(leads=user).order_by("name"))


def closed_to_contributions(assessment) -> str:
    """Why nothing can be added now, or "" while the assessment is a draft or returned."""
    if assessment.status in EDITABLE_STATUSES:
        return ""
    if assessment.status == Status.SIGNED_OFF:
        return (
            "This self-assessment is signed off: contributions can no longer be added or changed."
        )
    return (
        "This self-assessment has been submitted for review: contributions can no longer be "
        "added or changed. They can again if the SPR lead returns it for revision."
    )


def may_contribute(assessment, user) -> bool:
    return not closed_to_contributions(assessment) and bool(
        departments_contributing_as(assessment, user)
    )


def _clean_text(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": EMPTY})
    if len(text) > NARRATIVE_MAX_LENGTH:
        raise ValidationError({"text": TOO_LONG})
    return text


@transaction.atomic
def contribution_save(
    *, assessment, actor, department, section: str, text: str, revision: int
) -> Contribution:
    """Add or change `department`'s text in `section`. `revision`: the contribution's as the
    page showed it, 0 when there was none; a save from an older one is refused."""
    require(actor, Can.CONTRIBUTE)
    # The assessment's lock: a submission cannot slip in between the check and the write.
    assessment = lock(assessment)
    if department not in departments_contributing_as(assessment, actor):
        raise PermissionDenied(NOT_A_CONTRIBUTOR)
    if why := closed_to_contributions(assessment):
        raise TransitionNotAllowed(why)
    if section not in SECTION_LABELS:
        raise ValidationError({"section": "Choose a section of the self-assessment"})
    text = _clean_text(text)
    current = (
        Contribution.objects.select_for_update()
        .filter(assessment=assessment, section=section, department=department)
        .first()
    )
    contribution = current or Contribution(
        assessment=assessment, section=section, department=department, revision=0
    )
    check_revision(contribution, revision, NOUN)
    was = contribution.text
    if text == was:
        return contribution
    contribution.text = text
    contribution.written_by = actor
    contribution.written_by_name = person_name(actor)[:150]
    contribution.written_at = timezone.now().replace(microsecond=0)
    contribution.revision += 1
    contribution.full_clean(validate_unique=False, validate_constraints=False)
    contribution.save()
    what = (
        f"changed ({len(was):,} → {len(text):,} characters)"
        if was
        else f"added ({len(text):,} characters)"
    )
    audit_assessment(
        actor=actor,
        action=AuditAction.CONTRIBUTION_SAVED,
        assessment=assessment,
        obj=contribution,
        summary=f"{department.name}, {SECTION_LABELS[section]}: {what}",
    )
    return contribution
