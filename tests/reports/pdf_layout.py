"""Where the words of a PDF sit on its pages, as poppler's pdftotext reads them (-bbox): for
the tests of the paper's layout (which page a caption, a row or a date is on, and where a
line starts)."""

import re
import subprocess
from dataclasses import dataclass

from tests.reports.support import PDFTOTEXT

MM = 72 / 25.4  # points in a millimetre
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
)


@dataclass(frozen=True)
class Word:
    x: float
    y: float
    x_end: float
    text: str


@dataclass(frozen=True)
class Page:
    number: int
    width: float
    height: float
    words: list[Word]

    @property
    def text(self) -> str:
        return " ".join(word.text for word in self.words)

    def has(self, phrase: str) -> bool:
        return phrase in self.text

    def first_column(self, left_mm: float) -> list[Word]:
        """The words that start within `left_mm` of the left margin's edge."""
        edge = min(word.x for word in self.words)
        return [word for word in self.words if word.x < edge + left_mm * MM]


def pages_of(content: bytes) -> list[Page]:
    result = subprocess.run(
        [PDFTOTEXT, "-bbox", "-", "-"], input=content, capture_output=True, check=True
    )
    html = result.stdout.decode()
    pages = []
    for number, (width, height, body) in enumerate(_PAGE.findall(html), start=1):
        words = [
            Word(float(x), float(y), float(x_end), _unescape(text))
            for x, y, x_end, _y_end, text in _WORD.findall(body)
        ]
        pages.append(Page(number, float(width), float(height), words))
    return pages


def page_with(pages: list[Page], phrase: str) -> Page:
    found = [page for page in pages if page.has(phrase)]
    assert len(found) == 1, f"{phrase!r} is on pages {[p.number for p in found]}"
    return found[0]


def _unescape(text: str) -> str:
    return text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
