"""The quarterly meeting's minutes: the PDF and Word files (a draft rendered afresh and marked
DRAFT; approved minutes exactly the bytes frozen at approval), and their approval at the next
meeting (`reports/services/minutes.py`)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET, require_POST

from assessments.forms.meetings import RevisionForm
from assessments.models import Meeting
from reports.models import ApprovedMinutes
from reports.paper.docx import CONTENT_TYPE
from reports.paper.minutes import minutes_filename, render_minutes_docx, render_minutes_pdf
from reports.services.minutes import minutes_approve
from spr_portal.access import Can, get_for_user, requires
from spr_portal.concurrency import ConcurrentEdit


def _meeting(request, pk) -> Meeting:
    return get_for_user(
        Meeting.objects.select_related("quarter__edition", "chair", "approved_by"),
        request.user,
        pk=pk,
    )


def _file(content: bytes, content_type: str, filename: str, sha256: str = "") -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Content-Length"] = str(len(content))
    if sha256:
        response["ETag"] = f'"{sha256}"'
    else:
        response["Cache-Control"] = "no-store"
    return response


@require_GET
@requires(Can.READ_MINUTES)
def minutes_pdf(request, pk):
    meeting = _meeting(request, pk)
    stored = ApprovedMinutes.objects.filter(meeting=meeting).first()
    if stored is not None:
        return _file(
            bytes(stored.pdf),
            "application/pdf",
            minutes_filename(meeting, "pdf"),
            stored.pdf_sha256,
        )
    return _file(
        render_minutes_pdf(meeting).content, "application/pdf", minutes_filename(meeting, "pdf")
    )


@require_GET
@requires(Can.READ_MINUTES)
def minutes_docx(request, pk):
    meeting = _meeting(request, pk)
    stored = ApprovedMinutes.objects.filter(meeting=meeting).first()
    if stored is not None:
        return _file(
            bytes(stored.docx), CONTENT_TYPE, minutes_filename(meeting, "docx"), stored.docx_sha256
        )
    return _file(
        render_minutes_docx(meeting).content, CONTENT_TYPE, minutes_filename(meeting, "docx")
    )


@require_POST
@requires(Can.RUN_MEETING)
def minutes_approve_view(request, pk):
    """Approve the minutes of `pk` at the next meeting, from the page of that meeting."""
    meeting = _meeting(request, pk)
    form = RevisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "The minutes were not approved: open the meeting and try again.")
        return redirect("assessments:meeting", pk=meeting.pk)
    try:
        files = minutes_approve(
            meeting=meeting, actor=request.user, revision=form.cleaned_data["revision"]
        )
    except ConcurrentEdit:
        messages.error(
            request,
            "The record of that meeting changed after you opened this page: read it again "
            "before approving its minutes.",
        )
        return redirect("assessments:meeting", pk=meeting.pk)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("assessments:meeting", pk=meeting.pk)
    at = files.meeting.approved_at_meeting
    messages.success(
        request,
        f"The minutes of the {meeting.quarter.label} meeting are approved "
        f"(PDF SHA-256 {files.pdf_sha256}).",
    )
    return redirect("assessments:meeting", pk=at.pk)
