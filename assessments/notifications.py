"""What each step of a self-assessment's workflow tells the people it concerns (sent by
accounts/notify.py after the step commits, one e-mail per person):

- a return: the owning department's business leads (always; it cannot be turned off);
- a resubmission after a return: the people who may sign it off (the SPR leads and the
  quarter's named deputies, never a lead of the owning department);
- a sign-off: the owning department's business leads.
"""

from django.urls import reverse

from accounts.models import Notice
from accounts.notify import notify
from assessments.items import SECTIONS
from assessments.signatories import signatories_for
from threats.stand_ins import people_leading


def _name(user) -> str:
    return user.get_full_name() or user.username


def _owners(assessment):
    """Whoever acts as the owning department's business lead today (a stand-in too)."""
    return people_leading(assessment.threat.owning_department_id)


def notify_returned(assessment, actor, comment: str, section_comments: dict[str, str]) -> list:
    quarter, name = assessment.quarter, assessment.threat_name
    by_section = [
        f"- {label}: {section_comments[code]}"
        for code, label in SECTIONS
        if section_comments.get(code)
    ]
    return notify(
        notice=Notice.RETURNED,
        people=_owners(assessment),
        actor=actor,
        subject=f"Returned for revision: {name}, {quarter.label}",
        lines=[
            f"{_name(actor)} returned the {quarter.label} self-assessment of {name} "
            "for revision. Their comment:",
            "",
            comment,
            *(["", "On the sections:", *by_section] if by_section else []),
            "",
            "Revise it and submit it again for review.",
        ],
        path=reverse("assessments:assessment_edit", args=[assessment.pk]),
    )


def notify_resubmitted(assessment, actor) -> list:
    quarter, name = assessment.quarter, assessment.threat_name
    return notify(
        notice=Notice.RESUBMITTED,
        people=signatories_for(assessment),
        actor=actor,
        subject=f"Submitted again for review: {name}, {quarter.label}",
        lines=[
            f"{_name(actor)} revised the {quarter.label} self-assessment of {name} "
            "after its return and submitted it again for review.",
        ],
        path=reverse("assessments:assessment_review", args=[assessment.pk]),
    )


def notify_signed_off(assessment, actor) -> list:
    quarter, name = assessment.quarter, assessment.threat_name
    return notify(
        notice=Notice.SIGNED_OFF,
        people=_owners(assessment),
        actor=actor,
        subject=f"Signed off: {name}, {quarter.label}",
        lines=[f"{_name(actor)} signed off the {quarter.label} self-assessment of {name}."],
        path=reverse("assessments:assessment_detail", args=[assessment.pk]),
    )
