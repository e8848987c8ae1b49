"""The demo's December 2014 paper, rendered once per test worker rather than at every seeding.

Each fixture that runs `seed_demo` in the test process publishes that paper again, from the
same rows at the same fixed moment, so WeasyPrint gets exactly the same input each time. The
renderer is deterministic (tests/reports/test_pdf.py proves it, with real renders), so inside
`renders_kept()` a render whose whole input was rendered before in this process is answered
with that render's bytes and page count. The key is the whole input: the HTML, its base URL,
the fetcher's class and the crest it serves, the stylesheets it can fetch, and the options
given to `write_pdf`; different input is always rendered. Only the seeding fixtures use it:
tests of the renderer itself, and the paper of record of 2 February 2016 (never rendered:
stored), are untouched."""

from contextlib import contextmanager
from pathlib import Path

import pytest
import weasyprint

_RENDERED: dict[tuple, tuple[bytes, int]] = {}
_WEASYPRINT_HTML = weasyprint.HTML  # the real one, while renders_kept stands in for it


def _stylesheets() -> tuple[tuple[str, bytes], ...]:
    """Every file the report's fetcher may serve (static/pdf/), with its content."""
    from django.contrib.staticfiles import finders

    from reports.paper.pdf import ALLOWED_PREFIX

    folder = Path(finders.find(f"{ALLOWED_PREFIX}report.css")).parent
    return tuple((path.name, path.read_bytes()) for path in sorted(folder.iterdir()))


class _KeptHTML:
    """Stands in for `weasyprint.HTML` as `reports/paper/pdf.py` `laid_out` calls it."""

    def __init__(self, *, string, base_url, url_fetcher):
        self.arguments = {"string": string, "base_url": base_url, "url_fetcher": url_fetcher}
        crest = getattr(url_fetcher, "crest", None)
        self.key = (string, base_url, type(url_fetcher).__qualname__, crest, _stylesheets())

    def render(self):
        return _KeptDocument(self)


class _KeptDocument:
    def __init__(self, html: _KeptHTML):
        self.html = html
        self.page_count = None

    def write_pdf(self, **options):
        key = (self.html.key, tuple(sorted(options.items())))
        if key not in _RENDERED:
            document = _WEASYPRINT_HTML(**self.html.arguments).render()
            _RENDERED[key] = (document.write_pdf(**options), len(document.pages))
        content, self.page_count = _RENDERED[key]
        return content

    @property
    def pages(self):
        if self.page_count is None:
            raise RuntimeError("write_pdf first: only the page count of a render is kept")
        return [None] * self.page_count


@contextmanager
def renders_kept():
    with pytest.MonkeyPatch.context() as patch:
        # laid_out imports WeasyPrint's HTML when it draws, so it finds this one.
        patch.setattr(weasyprint, "HTML", _KeptHTML)
        yield
