"""What WeasyPrint may fetch while it draws a paper: the papers' own stylesheet (static/pdf/)
and the force's crest, nothing else. Imported only when a paper is drawn
(reports/paper/pdf.py `laid_out`), as WeasyPrint is."""

import mimetypes
import posixpath
import ssl
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.contrib.staticfiles import finders
from weasyprint.urls import URLFetcher, URLFetcherResponse

from reports.paper.pdf import ALLOWED_PREFIX, CREST_URL, STATIC_BASE

# WeasyPrint's fetcher builds an HTTPS handler; given no context, it makes Python's default one,
# which reads the system's certificate store: 17 ms of every paper drawn, for a connection
# this fetcher never opens. This context trusts no certificate, so it could open none either.
NO_CONNECTIONS = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


class StaticOnlyFetcher(URLFetcher):
    """Serves static/pdf/* and the force's crest, and refuses every other URL (file:, http:,
    data:, …)."""

    def __init__(self, *, crest: tuple[bytes, str] | None = None):
        super().__init__(ssl_context=NO_CONNECTIONS)
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
