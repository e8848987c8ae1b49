"""The quarterly meeting's minutes as PDF (WeasyPrint, the paper's page styles) and Word
(python-docx, the paper's fonts, language and page numbering), with the force profile's
protective marking on every page.

Both read the meeting through `assessments/selectors/meetings.py` `meeting_record` (every
item: the minutes are the whole meeting, read behind `Can.READ_MINUTES`), so the page and
the two files never disagree. Approved minutes are rendered once, dated by their approval,
and stored (`reports.ApprovedMinutes`); a draft is marked DRAFT and dated now.
"""

import datetime
import io

from django.template.loader import render_to_string
from django.utils import timezone

from assessments.selectors.meetings import meeting_record
from reports.paper.docx import (
    CONTENT_TYPE,
    LANGUAGE,
    RenderedDocx,
    a4_document,
)
from reports.paper.drafting import force_name
from reports.paper.pdf import RenderedPdf, tagged_pdf, w3c_date
from spr_portal.wording import person_name
from threats.force_profile import PORTAL_MARKING
from threats.models import ForceProfile

__all__ = ["CONTENT_TYPE", "minutes_filename", "render_minutes_docx", "render_minutes_pdf"]


def minutes_marking() -> str:
    """The force profile's marking (what a new paper starts with)."""
    profile = ForceProfile.objects.first()
    return profile.default_marking if profile else str(PORTAL_MARKING)


def minutes_filename(meeting, extension: str) -> str:
    suffix = "" if meeting.is_approved else "-draft"
    label = meeting.quarter.label.replace("/", "-").replace(" ", "-")
    return f"spr-meeting-minutes-{label}{suffix}.{extension}"


def _moment(meeting) -> datetime.datetime:
    return meeting.approved_at if meeting.is_approved else timezone.now()


def _title(meeting) -> str:
    return f"Minutes of the quarterly SPR meeting, {meeting.quarter.label}"


def minutes_context(meeting) -> dict:
    record = meeting_record(meeting, None)
    return {
        "record": record,
        "meeting": meeting,
        "title": _title(meeting),
        "marking": minutes_marking(),
        "force_name": force_name(),
        "draft": not meeting.is_approved,
        "approved_by": meeting.approved_by.get_full_name() if meeting.is_approved else "",
    }


def render_minutes_pdf(meeting) -> RenderedPdf:
    moment = _moment(meeting)
    context = minutes_context(meeting) | {
        "created": w3c_date(moment),
        "rendered_at": timezone.localtime(moment),
    }
    html = render_to_string("reports/pdf/minutes.html", context)
    return tagged_pdf(html, f"spr-meeting-minutes-{meeting.pk}")


def _person(user) -> str:
    return person_name(user)


def render_minutes_docx(meeting) -> RenderedDocx:
    context = minutes_context(meeting)
    record, marking, draft = context["record"], context["marking"], context["draft"]
    document = a4_document(marking, draft=draft)

    document.add_heading(context["title"], level=0)
    document.add_paragraph(f"{context['force_name']}. Held on {meeting.held_on:%-d %B %Y}.")
    if draft:
        document.add_paragraph("DRAFT minutes, to be approved at the next meeting.")
    else:
        document.add_paragraph(
            f"Approved at the {meeting.approved_at_meeting.quarter.label} meeting by "
            f"{context['approved_by']} on {timezone.localtime(meeting.approved_at):%-d %B %Y}."
        )
    document.add_heading("Attendance", level=1)
    document.add_paragraph(f"Chair: {_person(meeting.chair)}")
    document.add_paragraph(
        "Present: " + ("; ".join(_attendee(a) for a in record.present) or "nobody recorded")
    )
    document.add_paragraph(
        "Apologies: " + ("; ".join(_attendee(a) for a in record.apologies) or "none")
    )
    if record.previous is not None:
        document.add_heading("Minutes of the last meeting", level=1)
        document.add_paragraph(
            f"The minutes of the {record.previous.quarter.label} meeting: "
            f"{record.previous.get_minutes_status_display().lower()}."
        )
    document.add_heading("Agenda and decisions", level=1)
    for number, item in enumerate(record.items, start=1):
        document.add_heading(f"{number}. {item.threat.name}", level=2)
        document.add_paragraph(f"Status: {item.status_label}" + _signal(item))
        if item.endorsement:
            document.add_paragraph(
                f"Endorsed by {_person(item.endorsement.endorsed_by)} on "
                f"{timezone.localtime(item.endorsement.endorsed_at):%-d %B %Y}."
            )
        for line in item.carried:
            document.add_paragraph(line, style="List Bullet")
        if item.decision:
            document.add_paragraph(
                f"Decision: {item.decision.get_decision_display()}, by "
                f"{_person(item.decision.taken_by)}. {item.decision.rationale}"
            )
        else:
            document.add_paragraph("No decision recorded.")
        for action in item.actions:
            document.add_paragraph(
                f"Action: {action.description} Owner {action.owner}, due "
                f"{action.due_date:%-d %B %Y} ({action.get_status_display().lower()}).",
                style="List Bullet",
            )
    properties = document.core_properties
    properties.title = context["title"]
    properties.author = context["force_name"]
    properties.last_modified_by = properties.author
    properties.language = LANGUAGE
    properties.keywords = marking
    properties.category = marking
    moment = _moment(meeting).astimezone(datetime.UTC).replace(tzinfo=None, microsecond=0)
    properties.created = moment
    properties.modified = moment
    properties.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    return RenderedDocx(buffer.getvalue())


def _attendee(attendee) -> str:
    return f"{attendee.display_name}, {attendee.post}" if attendee.post else attendee.display_name


def _signal(item) -> str:
    if item.returned:
        return " (returned for revision)"
    return f" ({item.signal.text})" if item.is_late else ""
