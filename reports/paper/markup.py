"""The tiny markup of a board report's editable sections.

Paragraphs are separated by blank lines; lines starting "- " are bullets. Nothing else means
anything: the text is parsed into plain data and the templates escape every string, so no
HTML typed by a user ever reaches a web page or the PDF.
"""

from dataclasses import dataclass, field
from itertools import groupby

BULLET = "- "


@dataclass(frozen=True)
class Block:
    kind: str  # "p" (a paragraph) or "ul" (a bullet list)
    text: str = ""
    items: tuple[str, ...] = field(default_factory=tuple)
    number: str = ""  # a paragraph's number in the paper, e.g. "1.2"; bullets have none

    @property
    def is_list(self) -> bool:
        return self.kind == "ul"


def _is_bullet(line: str) -> bool:
    return line.startswith(BULLET) or line.strip() == "-"


def normalise(text: str) -> str:
    """Unify line endings and strip trailing spaces, so that stored text compares cleanly."""
    lines = (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip("\n")


def parse(text: str) -> list[Block]:
    """Split text into paragraphs and bullet lists.

    Within a paragraph, lines are joined with a space (the text reflows); a run of bullet
    lines is one list even without a blank line before it, as people type "These are:" then
    the list straight after.
    """
    blocks: list[Block] = []
    for chunk in normalise(text).split("\n\n"):
        lines = [line.strip() for line in chunk.split("\n") if line.strip()]
        # Group consecutive lines of the same kind: a paragraph's lines, or a list's bullets.
        for is_list, group in groupby(lines, key=_is_bullet):
            group = list(group)
            if is_list:
                items = tuple(item for item in (g[len(BULLET) :].strip() for g in group) if item)
                if items:
                    blocks.append(Block("ul", items=items))
            else:
                blocks.append(Block("p", text=" ".join(group)))
    return blocks


def numbered(blocks: list[Block], prefix: str, start: int = 1) -> tuple[list[Block], int]:
    """Number the paragraphs "prefix.1", "prefix.2" … as a board paper does; returns the
    blocks and the next number, so a section split into parts can continue counting."""
    result = []
    counter = start
    for block in blocks:
        if block.kind == "p":
            result.append(Block("p", text=block.text, number=f"{prefix}.{counter}"))
            counter += 1
        else:
            result.append(block)
    return result, counter


def plain(text: str) -> str:
    """The text as it reads aloud: for search, previews and character counts."""
    parts = []
    for block in parse(text):
        parts.extend([block.text] if block.kind == "p" else [f"• {i}" for i in block.items])
    return "\n".join(parts)
