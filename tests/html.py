"""Read a page the way a user does: as text and as elements, not as raw markup.

Every helper takes a test client response, a string of HTML or an element already parsed.
"""

import re

from bs4 import BeautifulSoup, Comment, Declaration, Doctype, NavigableString, Tag

_SPACE = re.compile(r"\s+")
_NOT_SHOWN = {"script", "style", "template", "head"}
_NOT_TEXT = (Comment, Declaration, Doctype)
# Elements that flow within a line: no space is added where they start.
_INLINE = {"a", "abbr", "b", "code", "em", "i", "mark", "q", "s", "small", "span", "strong"}
_INLINE |= {"sub", "sup", "time", "u", "var", "del", "ins", "kbd", "samp", "cite", "dfn"}


def page(source) -> Tag:
    """The parsed page (or the element itself when given one)."""
    if isinstance(source, Tag):
        return source
    if hasattr(source, "content"):
        source = source.content
    if isinstance(source, bytes):
        source = source.decode()
    return BeautifulSoup(source, "html.parser")


def normalise(words: str) -> str:
    return _SPACE.sub(" ", words).strip()


def text(source) -> str:
    """The text of the page's body (what a screen reader reads, visually hidden text included),
    with every run of whitespace made one space and blocks (paragraphs, cells…) kept apart."""
    soup = page(source)
    root = soup.body or soup
    parts = []
    for node in root.descendants:
        if isinstance(node, Tag):
            if node.name not in _INLINE:
                parts.append(" ")
        elif isinstance(node, NavigableString) and not isinstance(node, _NOT_TEXT):
            if not any(parent.name in _NOT_SHOWN for parent in node.parents):
                parts.append(str(node))
    return normalise("".join(parts))


def title(source) -> str:
    return normalise(page(source).title.get_text())


def select(source, css: str) -> list[Tag]:
    return page(source).select(css)


def one(source, css: str) -> Tag:
    """The single element matching `css`; fails the test if there are none or several."""
    found = select(source, css)
    assert len(found) == 1, f"{len(found)} elements match {css!r}"
    return found[0]


def texts(source, css: str) -> list[str]:
    """The normalised text of every element matching `css`, in page order."""
    return [text(element) for element in select(source, css)]


def error_summary(source) -> list[tuple[str, str]]:
    """The GOV.UK error summary's entries as (link target, text); a plain item has target ""."""
    return [
        (item.a["href"] if item.a else "", text(item))
        for item in select(source, ".govuk-error-summary__list li")
    ]


def board_rows(source) -> dict[str, str]:
    """The quarter board's rows as shown: each threat's name (its link, or the header's first
    words where it has none) and its status's key."""
    rows = {}
    for row in select(source, "table.review-heatmap tbody tr"):
        header = row.find("th")
        link = header.find("a")
        name = link.get_text() if link else header.find(string=True)
        rows[normalise(name)] = row["data-status"]
    return rows
