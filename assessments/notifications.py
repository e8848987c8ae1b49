"""What each step of a self-assessment's workflow tells the people it concerns (sent by
accounts/notify.py after the step commits, one e-mail per person):

- a return: the owning department's business leads (always; it cannot be turned off);
- a submission, and a resubmission after a return or a reopening: the people who may sign it
  off (the SPR leads and the quarter's named deputies, never a lead of the owning department);
- a sign-off: the owning department's business leads;
- a reopening: the owning department's business leads, with the SPR lead's reason;

a return's comments and a reopening's reason are quoted only when the force profile allows
review text in e-mails (`ForceProfile.review_text_in_emails`); otherwise the e-mail says where to
read them (its link);
- a quarter opened: each business lead (or stand-in) with a self-assessment of it still to
  submit, listing them (the deadline reminders of assessments/reminders.py follow nearer the
  deadline).

Each kind but a return can be turned off on the e-mail settings page (accounts `Notice`).
"""

from django.urls import reverse

from accounts.models import Notice
from accounts.notify import notify
from assessments.choices import NOT_SUBMITTED, status_label
from assessments.items import SECTIONS
from assessments.models import Assessment
from assessments.signatories import signatories_for
from spr_portal.wording import day as _day
from spr_portal.wording import person_name
from threats.models import ForceProfile
from threats.naming import name_in, named_for
from threats.stand_ins import leads_today, people_leading


def _owners(assessment):
    """Whoever acts as the owning department's business lead today (a stand-in too)."""
    return people_leading(assessment.threat.owning_department_id)


def _about(assessment, *, notice, people, actor, headline: str, lines: list, page: str) -> list:
    """A notice about one self-assessment: its subject "<headline>: <threat>, <quarter>", its
    link the self-assessment's `page` (a URL name taking its id)."""
    return notify(
        notice=notice,
        people=people,
        actor=actor,
        subject=f"{headline}: {assessment.threat_name}, {assessment.quarter.label}",
        lines=lines,
        path=reverse(page, args=[assessment.pk]),
    )


def notify_returned(assessment, actor, comment: str, section_comments: dict[str, str]) -> list:
    quarter, name = assessment.quarter, assessment.threat_name
    if ForceProfile.current().review_text_in_emails:
        by_section = [
            f"- {label}: {section_comments[code]}"
            for code, label in SECTIONS
            if section_comments.get(code)
        ]
        why = [
            f"{person_name(actor)} returned the {quarter.label} self-assessment of {name} "
            "for revision. Their comment:",
            "",
            comment,
            *(["", "On the sections:", *by_section] if by_section else []),
        ]
    else:
        why = [
            f"{person_name(actor)} returned the {quarter.label} self-assessment of {name} "
            "for revision. Read their comments in SPR Portal."
        ]
    return _about(
        assessment,
        notice=Notice.RETURNED,
        people=_owners(assessment),
        actor=actor,
        headline="Returned for revision",
        lines=[*why, "", "Revise it and submit it again for review."],
        page="assessments:assessment_edit",
    )


def notify_submitted(assessment, actor) -> list:
    """A first submission (or one sent again after the lead withdrew it)."""
    quarter, name = assessment.quarter, assessment.threat_name
    return _about(
        assessment,
        notice=Notice.SUBMITTED,
        people=signatories_for(assessment),
        actor=actor,
        headline="Submitted for review",
        lines=[
            f"{person_name(actor)} submitted the {quarter.label} self-assessment of {name} "
            "for review.",
        ],
        page="assessments:assessment_review",
    )


def notify_resubmitted(assessment, actor, *, after: str = "its return") -> list:
    """Submitted again after `after`: "its return", or "it was reopened"."""
    quarter, name = assessment.quarter, assessment.threat_name
    return _about(
        assessment,
        notice=Notice.RESUBMITTED,
        people=signatories_for(assessment),
        actor=actor,
        headline="Submitted again for review",
        lines=[
            f"{person_name(actor)} revised the {quarter.label} self-assessment of {name} "
            f"after {after} and submitted it again for review.",
        ],
        page="assessments:assessment_review",
    )


def notify_reopened(assessment, actor, reason: str) -> list:
    quarter, name = assessment.quarter, assessment.threat_name
    quoted = ForceProfile.current().review_text_in_emails
    return _about(
        assessment,
        notice=Notice.REOPENED,
        people=_owners(assessment),
        actor=actor,
        headline="Reopened",
        lines=[
            f"{person_name(actor)} reopened the {quarter.label} self-assessment of {name}, which "
            "was signed off. "
            + ("Their reason:" if quoted else "Read their reason in SPR Portal."),
            *(["", reason] if quoted else []),
            "",
            "It is a draft again: revise it and submit it again for review. The version "
            "that was signed off stays on record.",
        ],
        page="assessments:assessment_edit",
    )


def notify_quarter_opened(quarter, actor) -> list:
    """Each business lead whose department has a self-assessment of `quarter` still to submit
    hears once, with the list of them."""
    threats = named_for(list(quarter.edition.threats().order_by("display_order", "name")), quarter)
    status_of = dict(Assessment.objects.filter(quarter=quarter).values_list("threat_id", "status"))
    # whoever leads each department today: its active named leads and its stand-ins
    leading = leads_today({threat.owning_department_id for threat in threats})
    leads, due = {}, {}
    for threat in threats:
        status = status_of.get(threat.pk)
        if status not in NOT_SUBMITTED:
            continue
        for lead in leading[threat.owning_department_id].people:
            leads.setdefault(lead.pk, lead)
            due.setdefault(lead.pk, []).append(f"- {threat.name}: {status_label(status)}")
    force = ForceProfile.current()
    deadline = _day(quarter.submission_deadline)
    told = []
    for pk, lead in leads.items():
        told += notify(
            notice=Notice.QUARTER_OPENED,
            people=[lead],
            actor=actor,
            subject=f"Open for submissions: SPR self-assessments for {quarter.label}, "
            f"due by {deadline}",
            lines=[
                f"{person_name(actor)} opened {quarter.label} for the self-assessments of "
                f"{force.force_name} against the Strategic Policing Requirement. Your "
                f"department's are due by {deadline}, ahead of the quarterly meeting on "
                f"{_day(quarter.meeting_date)}:",
                "",
                *due[pk],
                "",
                "You can start each one from its last signed-off self-assessment.",
            ],
            path=reverse("assessments:my_assessments"),
        )
    return told


def notify_signed_off(assessment, actor) -> list:
    quarter, name = assessment.quarter, assessment.threat_name
    return _about(
        assessment,
        notice=Notice.SIGNED_OFF,
        people=_owners(assessment),
        actor=actor,
        headline="Signed off",
        lines=[f"{person_name(actor)} signed off the {quarter.label} self-assessment of {name}."],
        page="assessments:assessment_detail",
    )


def notify_meeting_action(action, actor) -> list:
    """The owner of an action a quarterly meeting raised: what it is, by when, and where to
    note its progress (always sent: work to do by a date they may not otherwise hear of)."""
    quarter = action.meeting.quarter
    name = name_in(action.threat_id, quarter)
    return notify(
        notice=Notice.MEETING_ACTION,
        people=[action.owner_user],
        actor=actor,
        subject=f"Action for you from the {quarter.label} meeting: {name}, due "
        f"{_day(action.due_date)}",
        lines=[
            f"The {quarter.label} quarterly meeting of {_day(action.meeting.held_on)} raised an "
            f"action on {name} and gave it to you, due by {_day(action.due_date)}:",
            "",
            action.description,
            "",
            "Note its progress, or close it when it is done, on its page in SPR Portal.",
        ],
        path=reverse("assessments:meeting_action_update", args=[action.pk]),
    )
