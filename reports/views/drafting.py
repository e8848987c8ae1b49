"""The SPR lead's drafting pages: a new report, its details, and each section's text."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from assessments.models import Assessment, Quarter
from reports.forms import NewReportForm, ReportDetailsForm, SectionTextForm
from reports.models import BoardReport, BoardReportThreatSection
from reports.paper.sections import SECTIONS, SUMMARY_CLOSING, TEXT_SECTIONS
from reports.selectors import published_report_of
from reports.selectors_draft import draft_state
from reports.services import (
    ConcurrentEdit,
    report_create,
    report_section_update,
    report_update,
)
from reports.views.common import get_draft
from spr_portal.access import Can, requires
from spr_portal.form_errors import add_service_errors, error_summary
from threats.models import ForceProfile


def _quarter_options(user):
    """Each quarter (newest first) with how many of its edition's threats are signed off, in
    two queries whatever the number of quarters; and the newest quarter with every one signed
    off, which a new report reports unless the SPR lead chooses another."""
    signed = dict(
        Assessment.objects.signed_off()
        .values("quarter")
        .annotate(count=Count("pk"))
        .values_list("quarter", "count")
    )
    sizes: dict[int, int] = {}
    options, complete = [], None
    for quarter in Quarter.objects.visible_to(user).select_related("edition"):
        if quarter.edition_id not in sizes:
            sizes[quarter.edition_id] = quarter.edition.threats().count()
        total = sizes[quarter.edition_id]
        done = signed.get(quarter.pk, 0)
        hint = f"{done} of {total} self-assessments signed off"
        options.append((quarter, hint))
        if complete is None and total and done >= total:
            complete = quarter
    return options, complete


@require_http_methods(["GET", "POST"])
@requires(Can.DRAFT_REPORTS)
def report_new(request):
    published = (
        BoardReport.objects.currently_published()
        .select_related("quarter")
        .order_by("-meeting_date", "-version")
    )
    quarters, complete = _quarter_options(request.user)
    form = NewReportForm(
        request.POST or None,
        quarters=quarters,
        default_quarter=complete,
        published_reports=published,
        default_marking=ForceProfile.current().default_marking,
        chosen_quarter=request.GET.get("quarter"),
    )
    already = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        quarter = Quarter.objects.get(pk=data["quarter"])
        # The paper that already reports the quarter is named beside the confirmation.
        already = published_report_of(quarter)
        try:
            report = report_create(
                actor=request.user,
                quarter=quarter,
                meeting_date=data["meeting_date"],
                agenda_item=data["agenda_item"],
                marking=data["marking"],
                previous_report=published.filter(pk=data["previous_report"] or None).first(),
                confirm_second=data["confirm_second"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Draft board report created and pre-filled.")
            return redirect("reports:report_detail", pk=report.pk)
    return render(
        request,
        "reports/new.html",
        {
            "form": form,
            "error_summary": error_summary(form),
            "already": already,
        },
    )


@require_http_methods(["GET", "POST"])
def report_edit_details(request, pk):
    report = get_draft(request, pk)
    form = ReportDetailsForm(request.POST or None, report=report)
    saved, form, conflict = _save(
        request,
        report,
        form,
        lambda data: report_update(
            report=report,
            actor=request.user,
            data=form.service_data(),
            revision=data["revision"],
        ),
        rebind=lambda current: _with_revision(
            ReportDetailsForm, request.POST, current, report=report
        ),
        conflict_of=lambda current: current,
        done="Report details saved.",
    )
    if saved:
        return saved
    return render(
        request,
        "reports/edit_details.html",
        {
            "report": report,
            "form": form,
            "error_summary": error_summary(form),
            "conflict": conflict,
        },
    )


def _save(request, report, form, save, *, rebind, conflict_of, done, rename=None):
    """Save a draft's part through its service: (the redirect, form, None) when saved; on a
    stale revision, what was typed re-bound against the saved revision with the refusal, and
    `conflict_of` what the other person saved; a refusal on the form."""
    if request.method != "POST" or not form.is_valid():
        return None, form, None
    try:
        save(form.cleaned_data)
    except ConcurrentEdit as error:
        fresh = rebind(error.current)
        fresh.add_error(None, str(error))
        return None, fresh, conflict_of(error.current)
    except ValidationError as error:
        add_service_errors(form, error, rename=rename)
        return None, form, None
    messages.success(request, done)
    return redirect("reports:report_detail", pk=report.pk), form, None


def _with_revision(form_class, data, current, **kwargs):
    """Re-bind what the user typed, against the revision now saved, so that nothing typed
    is lost and saving again is a deliberate choice."""
    data = data.copy()
    data["revision"] = str(current.revision)
    form = form_class(data, **kwargs)
    form.is_valid()
    return form


def _section(code):
    for section in (*TEXT_SECTIONS, SUMMARY_CLOSING):
        if section.code == code:
            return section
    raise Http404("No such section of a board report.")


@require_http_methods(["GET", "POST"])
def report_edit_section(request, pk, code):
    report = get_draft(request, pk)
    section = _section(code)
    form = SectionTextForm(
        request.POST or None,
        required=section.required,
        initial={"body": getattr(report, code), "revision": report.revision},
    )
    saved, form, conflict = _save(
        request,
        report,
        form,
        lambda data: report_update(
            report=report, actor=request.user, data={code: data["body"]}, revision=data["revision"]
        ),
        rebind=lambda current: _with_revision(SectionTextForm, request.POST, current),
        conflict_of=lambda current: {"text": getattr(current, code)},
        done=f"“{section.heading}” saved.",
        rename={code: "body"},
    )
    if saved:
        return saved
    number = next((n for n, s in enumerate(SECTIONS, start=1) if s.code == code), None)
    return render(
        request,
        "reports/edit_section.html",
        {
            "report": report,
            "section": section,
            "caption": (
                f"Section {number} of the draft board report" if number else "Draft board report"
            ),
            "form": form,
            "error_summary": error_summary(form),
            "conflict": conflict,
        },
    )


@require_http_methods(["GET", "POST"])
def report_edit_threat(request, pk, section_pk):
    report = get_draft(request, pk)
    section = get_object_or_404(
        BoardReportThreatSection.objects.select_related("threat"), report=report, pk=section_pk
    )
    state = draft_state(report)
    part = state.part_of(section.threat_id)
    # A threat signed off after the draft was made starts from its signed-off summary.
    signed = part.signed_summary if part else ""
    form = SectionTextForm(
        request.POST or None,
        initial={"body": section.body or signed, "revision": report.revision},
    )
    saved, form, conflict = _save(
        request,
        report,
        form,
        lambda data: report_section_update(
            section=section, actor=request.user, body=data["body"], revision=data["revision"]
        ),
        rebind=lambda current: _with_revision(SectionTextForm, request.POST, current),
        conflict_of=lambda current: {"text": type(section).objects.get(pk=section.pk).body},
        done=f"The summary of {section.threat_name} saved.",
    )
    if saved:
        return saved
    return render(
        request,
        "reports/edit_threat.html",
        {
            "report": report,
            "section": section,
            "part": part,
            "prefilled": bool(signed and not section.body),
            "quarters_named": state.quarters_named(section),
            "form": form,
            "error_summary": error_summary(form),
            "conflict": conflict,
        },
    )
