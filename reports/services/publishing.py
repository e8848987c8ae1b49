"""Publishing a board report and correcting a published one.

A published report never changes: publishing renders the PDF once and stores its bytes and
checksum; a correction is a new draft version that, once published, marks the one it
corrects as superseded.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from audit.models import AuditAction
from reports import sendfile, signing
from reports.frozen import published_record
from reports.models import (
    BoardReport,
    BoardReportThreatSection,
    PublishedPdf,
    ReportStatus,
    Signing,
)
from reports.notifications import notify_published
from reports.paper.annex import annex_data
from reports.paper.drafting import threat_parts
from reports.paper.figures import with_current_figures
from reports.paper.markup import normalise
from reports.paper.pdf import RenderedPdf, render_report_pdf
from reports.paper.recommendations import FROZEN_KEY as RECOMMENDATIONS_KEY
from reports.paper.recommendations import listed_for as recommendations_listed_for
from reports.paper.trend_annex import trend_data
from reports.selectors_draft import draft_state
from reports.services.drafts import EDITABLE_FIELDS, NOUN, audit_report, lock
from reports.services.word import report_docx_store
from reports.tasks import store_paper_copy
from reports.workflow import ReportAction, check_report_action
from spr_portal.concurrency import check_revision
from spr_portal.wording import counted
from threats.naming import name_in


class ReportNotReady(ValidationError):
    """Publishing refused; `blockers` lists (anchor, message) for the error summary."""

    def __init__(self, blockers: list[tuple[str, str]]):
        self.blockers = blockers
        super().__init__([message for _, message in blockers])


@transaction.atomic
def report_publish(
    *,
    report,
    actor,
    revision: int,
    at: datetime.datetime | None = None,
    of_record: RenderedPdf | None = None,
) -> BoardReport:
    """Freeze the report: render its PDF (and its Word version) once and store the bytes,
    SHA-256 and page count.
    `revision` is the one the SPR lead previewed: a report changed since is not published.
    Publishing a correction marks the version it corrects as superseded.
    `of_record` is a paper published before the portal took over (the demo's paper of
    2 February 2016): its PDF is stored exactly as it was published instead of being
    rendered again with today's layout."""
    report = lock(report)
    check_report_action(ReportAction.PUBLISH, report, actor)
    check_revision(report, revision, NOUN)
    blockers = draft_state(report).blockers
    if blockers:
        raise ReportNotReady(blockers)
    base = report.previous_report.quarter if report.previous_report_id else None
    report.frozen_annex = annex_data(report.quarter, base)
    # The names the paper is published with stay its names, whatever a later edition says.
    for section in report.threat_sections.all():
        section.published_name = name_in(section.threat_id, report.quarter)
        section.save(update_fields=["published_name"])
    if report.include_trend_annex:
        report.frozen_annex["trend"] = trend_data(report.quarter)
    listed = recommendations_listed_for(report)
    if listed:  # a paper without any keeps the annex it always had
        report.frozen_annex[RECOMMENDATIONS_KEY] = listed
    report.status = ReportStatus.PUBLISHED
    report.published_at = at or timezone.now()
    report.published_by = actor
    report.revision += 1
    report.published_record = published_record(report, report.threat_sections.all())
    report.full_clean()
    report.save()
    rendered, signed_by = (
        (of_record, None)  # a paper of record is stored exactly as published: it predates signing
        if of_record
        else signed_when_configured(
            render_report_pdf(report),
            refused="The paper could not be signed, so it was not published.",
        )
    )
    stored_pdf = PublishedPdf.objects.create(
        report=report,
        content=rendered.content,
        sha256=rendered.sha256,
        size=len(rendered.content),
        pages=rendered.pages,
        rendered_at=report.published_at,
        signing=(
            Signing.BEFORE_SIGNING
            if of_record
            else Signing.SIGNED
            if signed_by
            else Signing.UNSIGNED
        ),
        signer_subject=signed_by.subject if signed_by else "",
        signer_fingerprint=signed_by.fingerprint if signed_by else "",
    )
    report_docx_store(report=report)
    summary = f"PDF stored: {counted(rendered.pages, 'page')}, SHA-256 {rendered.sha256}"
    if signed_by:
        summary += f"; signed by {signed_by.subject} (certificate SHA-256 {signed_by.fingerprint})"
    if report.supersedes_id:
        BoardReport.objects.filter(pk=report.supersedes_id).update(status=ReportStatus.SUPERSEDED)
        summary += f"; supersedes version {report.version - 1}"
    audit_report(report, actor, AuditAction.REPORT_PUBLISHED, summary)
    notify_published(report, actor)
    if sendfile.mode() == sendfile.STORAGE:
        # The copy every app server streams from, written in the background once published.
        transaction.on_commit(lambda: store_paper_copy.enqueue(stored_pdf.pk))
    return report


def signed_when_configured(
    rendered: RenderedPdf, *, refused: str, reason: str = "Published board report"
):
    """The PDF signed with the force's certificate when one is configured, and who signed it
    (None when none is). Never published unsigned when a certificate is configured but
    unusable: the ValidationError says why (`refused`, then the cause)."""
    try:
        identity = signing.signing_identity()
    except signing.SigningUnavailable as error:
        raise ValidationError(f"{refused} {error}") from None
    if identity is None:
        return rendered, None
    try:
        content = signing.sign_pdf(rendered.content, reason=reason)
    except Exception as error:  # the timestamp service unreachable, a key the signer refuses
        raise ValidationError(f"{refused} The signing failed: {error}") from None
    return RenderedPdf(content=content, pages=rendered.pages), identity


@transaction.atomic
def report_correct(*, report, actor, note: str) -> BoardReport:
    """Start a correction: a new draft version with the published report's text."""
    report = lock(report)
    check_report_action(ReportAction.CORRECT, report, actor)
    if BoardReport.objects.filter(supersedes=report).exists():
        raise ValidationError("A correction of this report is already being drafted.")
    note = normalise(note)
    if not note.strip():
        raise ValidationError({"note": "Say what the new version corrects"})
    correction = BoardReport(
        quarter=report.quarter,
        previous_report=report.previous_report,
        supersedes=report,
        version=report.version + 1,
        correction_note=note,
        include_trend_annex=report.include_trend_annex,
        created_by=actor,
        **{name: getattr(report, name) for name in EDITABLE_FIELDS},
    )
    # A correction starts from the assessments as they stand now, not the wording of the
    # version it corrects: the counts are computed again and each signed-off threat's part is
    # its current signed summary.
    correction.conclusion = with_current_figures(correction, correction.conclusion)
    correction.full_clean()
    correction.save()
    current = {p.threat.pk: p for p in threat_parts(report.quarter) if p.is_signed_off}
    for section in report.threat_sections.all():
        part = current.get(section.threat_id)
        BoardReportThreatSection.objects.create(
            report=correction,
            threat_id=section.threat_id,
            body=normalise(part.signed_summary) if part else section.body,
            display_order=section.display_order,
        )
    audit_report(
        correction,
        actor,
        AuditAction.REPORT_CORRECTION_STARTED,
        f"Version {correction.version} started, correcting version {report.version}",
        reason=note,
    )
    return correction
