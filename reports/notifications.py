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
