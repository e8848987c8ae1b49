"""The Word version of a published board report: rendered once, stored with its SHA-256."""

from django.db import IntegrityError, transaction

from reports.models import PublishedDocx
from reports.paper.docx import render_report_docx


def report_docx_store(*, report) -> PublishedDocx:
    """Render and store the published report's .docx (called by publishing, in its
    transaction). A report published before Word files existed gets its file on the first
    download: it is built from the report's frozen text and annex, so it says what the PDF
    says."""
    if report.is_draft:
        raise ValueError("Only a published report has a stored Word file.")
    existing = PublishedDocx.objects.filter(report=report).first()
    if existing is not None:
        return existing
    rendered = render_report_docx(report, draft=False)
    try:
        with transaction.atomic():
            return PublishedDocx.objects.create(
                report=report,
                content=rendered.content,
                sha256=rendered.sha256,
                size=len(rendered.content),
                rendered_at=report.published_at,
            )
    except IntegrityError:  # two first downloads at once: the other one stored it
        return PublishedDocx.objects.get(report=report)
