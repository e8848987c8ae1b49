"""Reading board reports: the list, one report, its web version and its PDF."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from reports.drafting import threat_parts
from reports.models import BoardReport
from reports.paper import build_paper
from reports.pdf import render_report_pdf
from reports.sections import SECTIONS, SUMMARY_CLOSING
from reports.services import publishing_blockers
from reports.views.common import get_report, require_reader
from spr_portal.roles import is_spr_lead


@require_GET
def report_list(request):
    """SPR lead: every report, drafts included. PCC office and chief officers: the published
    ones (superseded versions too, as both stay downloadable), newest first."""
    require_reader(request.user)
    reports = (
        BoardReport.objects.visible_to(request.user)
        .select_related("quarter", "pdf")
        .defer("pdf__content", "frozen_annex")  # the list needs neither the bytes nor the annex
        .order_by("-meeting_date", "-version")
    )
    return render(
        request,
        "reports/list.html",
        {"reports": reports, "is_spr_lead": is_spr_lead(request.user)},
    )


def _draft_tasks(report) -> list[dict]:
    """The task list of a draft, in the paper's order: each section, whether it has text, and
    within the Summary each threat's part and whether its self-assessment is signed off."""
    parts = {part.threat.pk: part for part in threat_parts(report.quarter)}
    tasks = []
    for number, section in enumerate(SECTIONS, start=1):
        if not section.is_summary:
            text = getattr(report, section.code).strip()
            tasks.append(
                {
                    "id": section.code,
                    "label": f"{number}. {section.heading}",
                    "url": reverse("reports:report_edit_section", args=[report.pk, section.code]),
                    "status": "Completed" if text else "Empty",
                    "tag": "" if text else "govuk-tag--blue",
                }
            )
            continue
        for threat_section in report.threat_sections.select_related("threat"):
            part = parts.get(threat_section.threat_id)
            signed = part is not None and part.is_signed_off
            if not signed:
                status, tag = "Not signed off", "govuk-tag--orange"
            elif not threat_section.body.strip():
                status, tag = "Empty", "govuk-tag--blue"
            else:
                status, tag = "Completed", ""
            tasks.append(
                {
                    "id": f"threat-{threat_section.threat.slug}",
                    "label": f"{number}. {section.heading}: {threat_section.threat.name}",
                    "hint": (
                        f"Self-assessment {part.status_label.lower()}"
                        if part and not signed
                        else ""
                    ),
                    "url": reverse(
                        "reports:report_edit_threat", args=[report.pk, threat_section.pk]
                    ),
                    "status": status,
                    "tag": tag,
                }
            )
        closing = report.summary_closing.strip()
        tasks.append(
            {
                "id": SUMMARY_CLOSING.code,
                "label": f"{number}. {section.heading}: closing text",
                "hint": "Optional",
                "url": reverse("reports:report_edit_section", args=[report.pk, "summary_closing"]),
                "status": "Completed" if closing else "Not written",
                "tag": "",
            }
        )
    return tasks


@require_GET
def report_detail(request, pk):
    report = get_report(request, pk)
    context = {"report": report, "is_spr_lead": is_spr_lead(request.user)}
    if report.is_draft:
        previous = report.previous_report
        context.update(
            tasks=_draft_tasks(report),
            blockers=publishing_blockers(report),
            details=[
                ("Agenda item", (report.agenda_item, True)),
                ("Date of the board meeting", (f"{report.meeting_date:%-d %B %Y}", True)),
                ("Board", (report.board_name, True)),
                ("Title", (report.title, True)),
                ("Protective marking", (report.get_marking_display(), True)),
                ("Quarter reported", (report.quarter.label, False)),
                (
                    "Updates the report of",
                    (f"{previous.meeting_date:%-d %B %Y}" if previous else "None", False),
                ),
            ],
        )
        return render(request, "reports/detail_draft.html", context)
    correction = BoardReport.objects.visible_to(request.user).filter(supersedes=report).first()
    context["correction"] = correction
    return render(request, "reports/detail_published.html", context)


@require_GET
def report_read(request, pk):
    """The report as a web page: a draft's preview, or a published report's text."""
    report = get_report(request, pk)
    return render(request, "reports/read.html", {"report": report, "paper": build_paper(report)})


@require_GET
def report_preview_pdf(request, pk):
    """A draft rendered afresh, marked DRAFT, shown in the browser (never stored)."""
    report = get_report(request, pk)
    if not report.is_draft:
        raise Http404("A published report's PDF is its stored one: download it.")
    rendered = render_report_pdf(report, draft=True)
    response = HttpResponse(rendered.content, content_type="application/pdf")
    name = report.pdf_filename.removesuffix(".pdf") + "-draft.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def report_download(request, pk):
    """Exactly the bytes stored when the report was published, as an attachment."""
    report = get_report(request, pk)
    if report.is_draft:
        raise Http404("A draft has no published PDF.")
    stored = report.pdf
    response = HttpResponse(bytes(stored.content), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{report.pdf_filename}"'
    response["Content-Length"] = str(stored.size)
    response["ETag"] = f'"{stored.sha256}"'
    response["Cache-Control"] = "private, no-store"
    return response
