"""A board report as a tagged, accessible PDF (PDF/UA-1), rendered by WeasyPrint.

The renderer can reach nothing but the app's own PDF stylesheet: no network, no file:// path
typed into a report, no other static file. Fonts come from the system (Liberation Sans, with
DejaVu Sans for the glyphs it lacks) and are embedded. The same report published at the same
moment renders to the same bytes: the dates and the file identifier come from the report.
"""

import datetime
import hashlib
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone

from reports.paper.drafting import force_name
from reports.paper.structure import build_paper
from threats.models import ForceProfile

# A made-up origin that resolves nowhere: the template's relative links join onto it, and
# the fetcher below answers for it from the static files alone.
BASE_URL = "https://report.spr-portal.invalid/"
STATIC_BASE = f"{BASE_URL}static/"
ALLOWED_PREFIX = "pdf/"  # only the PDF's own stylesheet (and anything beside it)
# The force's crest, from the force profile (checked by type and size when uploaded).
CREST_URL = f"{BASE_URL}crest"


@dataclass(frozen=True)
class RenderedPdf:
    content: bytes
    pages: int

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def laid_out(html: str, *, crest: tuple[bytes, str] | None = None):
    """WeasyPrint's document of a paper's HTML, which can fetch only the papers' stylesheet
    and the crest (reports/paper/fetcher.py). WeasyPrint is imported here, when a paper is
    first drawn, not when Django starts: it is half a second of every process's start-up."""
    from weasyprint import HTML

    from reports.paper.fetcher import StaticOnlyFetcher

    return HTML(string=html, base_url=BASE_URL, url_fetcher=StaticOnlyFetcher(crest=crest))


def tagged_pdf(html: str, identifier: str, *, crest=None) -> RenderedPdf:
    """A paper as a tagged PDF (PDF/UA-1) whose file identifier is `identifier`, so the
    same paper published at the same moment is the same bytes."""
    document = laid_out(html, crest=crest).render()
    content = document.write_pdf(pdf_variant="pdf/ua-1", pdf_identifier=identifier.encode())
    return RenderedPdf(content=content, pages=len(document.pages))


def w3c_date(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _crest() -> tuple[bytes, str] | None:
    force = ForceProfile.objects.filter(crest_type__gt="").first()
    return (bytes(force.crest), force.crest_type) if force else None


def report_html(report, *, draft: bool, rendered_at: datetime.datetime, crest: bool = False) -> str:
    return render_to_string(
        "reports/pdf/report.html",
        {
            "report": report,
            "paper": build_paper(report),
            "draft": draft,
            "crest_url": CREST_URL if crest else "",
            "force_name": report.force_name or force_name(),
            "created": w3c_date(rendered_at),
            "rendered_at": timezone.localtime(rendered_at),
        },
    )


def render_report_pdf(report, *, draft: bool | None = None) -> RenderedPdf:
    """Render the report; a draft is marked DRAFT on every page and dated now, a published
    report is dated by its publishing moment (so a re-render gives the same bytes)."""
    draft = report.is_draft if draft is None else draft
    rendered_at = report.published_at if (report.published_at and not draft) else timezone.now()
    crest = _crest()
    html = report_html(report, draft=draft, rendered_at=rendered_at, crest=crest is not None)
    return tagged_pdf(html, f"spr-board-report-{report.pk}-v{report.version}", crest=crest)
