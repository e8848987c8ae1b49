"""A published board report tells the people whose roles may hear of it (the policing body's
office and the chief officer leads: `Can.HEAR_OF_PUBLISHED_REPORTS`), one e-mail each, after the
publication commits; each may turn it off."""

from django.urls import reverse
from django.utils import dateformat

from accounts.models import Notice
from accounts.notify import notify
from spr_portal.access import GRANTS, Can
from spr_portal.roles import holders_of


def notify_published(report, actor) -> list:
    quarter = report.quarter
    what = f"The board report on the Strategic Policing Requirement for {quarter.label}"
    if report.version > 1:
        what += f" (version {report.version}, a correction)"
    return notify(
        notice=Notice.PUBLISHED,
        people=holders_of(*GRANTS[Can.HEAR_OF_PUBLISHED_REPORTS]),
        actor=actor,
        subject=f"Published: SPR board report for {quarter.label}",
        lines=[
            f"{what} is published, for the meeting on "
            f"{dateformat.format(report.meeting_date, 'j F Y')}.",
            "Read it or download the PDF in SPR Portal.",
        ],
        path=reverse("reports:report_detail", args=[report.pk]),
    )


def notify_question(entry, actor) -> list:
    """The force's SPR leads hear of a question from the policing body's office
    (`Can.ANSWER_REGARD`); the question itself only when the force lets e-mails quote such
    text (`ForceProfile.review_text_in_emails`), otherwise they read it in the portal."""
    from django.utils.text import capfirst

    from threats.force_profile import ForceProfile

    force = ForceProfile.current()
    report = entry.report
    meeting = dateformat.format(report.meeting_date, "j F Y")
    lines = [
        f"{capfirst(force.office_name or force.body_name)} has asked a question about the "
        f"board report for {report.quarter.label} (meeting of {meeting}).",
    ]
    if force.review_text_in_emails:
        lines += ["", f"The question: {entry.text}"]
    else:
        lines += ["", "Read the question in SPR Portal: this e-mail does not quote it."]
    lines += ["", "Answer it on the report's page in SPR Portal."]
    return notify(
        notice=Notice.REGARD,
        people=holders_of(*GRANTS[Can.ANSWER_REGARD]),
        actor=actor,
        subject=f"A question about the SPR board report for {report.quarter.label}",
        lines=lines,
        path=reverse("reports:report_detail", args=[report.pk]) + "#regard",
    )
