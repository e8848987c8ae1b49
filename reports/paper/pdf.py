"""A board report as a tagged, accessible PDF (PDF/UA-1), rendered by WeasyPrint.

The renderer can reach nothing but the app's own PDF stylesheet: no network, no file:// path
typed into a report, no other static file. Fonts come from the system (Liberation Sans, with
DejaVu Sans for the glyphs it lacks) and are embedded. The same report published at the same
moment renders to the same bytes: the dates and the file identifier come from the report.
"""

import datetime
import hashlib
import mimetypes
import posixpath
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

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


class StaticOnlyFetcher(URLFetcher):
    """Serves static/pdf/* and the force's crest, and refuses every other URL (file:, http:,
    data:, …)."""

    def __init__(self, *args, crest: tuple[bytes, str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.crest = crest

    def fetch(self, url, headers=None):
        if url == CREST_URL and self.crest:
            content, content_type = self.crest
            return URLFetcherResponse(url, body=content, headers={"Content-Type": content_type})
        if not url.startswith(STATIC_BASE):
            raise ValueError(f"The report renderer fetches nothing outside its stylesheet: {url}")
        relative = posixpath.normpath(unquote(urlsplit(url).path)).removeprefix("/static/")
        if not relative.startswith(ALLOWED_PREFIX) or ".." in relative.split("/"):
            raise ValueError(f"Not a stylesheet of the report: {url}")
        found = finders.find(relative)
        if not found:
            raise ValueError(f"No such static file: {relative}")
        content_type = mimetypes.guess_type(relative)[0] or "application/octet-stream"
        return URLFetcherResponse(
            url, body=Path(found).read_bytes(), headers={"Content-Type": content_type}
        )


@dataclass(frozen=True)
class RenderedPdf:
    content: bytes
    pages: int

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def _w3c(moment: datetime.datetime) -> str:
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
            "created": _w3c(rendered_at),
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
    fetcher = StaticOnlyFetcher(crest=crest)
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).render()
    identifier = f"spr-board-report-{report.pk}-v{report.version}".encode()
    content = document.write_pdf(pdf_variant="pdf/ua-1", pdf_identifier=identifier)
    return RenderedPdf(content=content, pages=len(document.pages))
