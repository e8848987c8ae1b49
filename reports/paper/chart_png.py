"""The paper's SVG charts drawn again as PNG, for the Word file (Word shows an SVG only beside
a PNG of it, and LibreOffice not at all), with Pillow and the paper's own font.

It reads only the SVG our chart code writes (assessments/trend_chart.py, reports/paper/annex.py):
lines (dashed or not), polylines, circles, rectangles and text, in groups or not, with
presentation attributes; anything else (title, desc) draws nothing. Each shape is drawn at
twice the size and scaled down, so edges are smooth."""

import io
import re
from xml.etree import ElementTree  # noqa: S405  (our own SVG, never a user's file)

from PIL import Image, ImageColor, ImageDraw, ImageFont

SVG = "{http://www.w3.org/2000/svg}"
FONTS = {
    "normal": ("LiberationSans-Regular.ttf", "DejaVuSans.ttf"),
    "bold": ("LiberationSans-Bold.ttf", "DejaVuSans-Bold.ttf"),
}
ANCHORS = {"start": "ls", "middle": "ms", "end": "rs"}
SUPERSAMPLE = 2


def _font(weight: str, size: float):
    for name in FONTS["bold" if weight == "bold" else "normal"]:
        try:
            return ImageFont.truetype(name, round(size))
        except OSError:
            continue
    return ImageFont.load_default(size=round(size))


def _colour(value: str | None):
    if not value or value == "none":
        return None
    return ImageColor.getrgb(value)


def _numbers(text: str) -> list[float]:
    return [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", text or "")]


class _Canvas:
    def __init__(self, width: float, height: float, scale: float):
        self.scale = scale
        self.image = Image.new("RGB", (round(width * scale), round(height * scale)), "white")
        self.draw = ImageDraw.Draw(self.image)

    def _xy(self, *values: float) -> list[float]:
        return [v * self.scale for v in values]

    def _width(self, element) -> int:
        return max(1, round(float(element.get("stroke-width", "1")) * self.scale))

    def line(self, e) -> None:
        x1, y1, x2, y2 = (float(e.get(k, "0")) for k in ("x1", "y1", "x2", "y2"))
        colour = _colour(e.get("stroke"))
        if colour is None:
            return
        dashes = _numbers(e.get("stroke-dasharray", ""))
        for start, end in _dashed((x1, y1), (x2, y2), dashes):
            self.draw.line(self._xy(*start, *end), fill=colour, width=self._width(e))

    def polyline(self, e) -> None:
        values = _numbers(e.get("points", ""))
        colour = _colour(e.get("stroke"))
        if colour is not None and len(values) >= 4:
            self.draw.line(self._xy(*values), fill=colour, width=self._width(e), joint="curve")

    def circle(self, e) -> None:
        cx, cy, r = (float(e.get(k, "0")) for k in ("cx", "cy", "r"))
        self.draw.ellipse(
            self._xy(cx - r, cy - r, cx + r, cy + r),
            fill=_colour(e.get("fill", "black")),
            outline=_colour(e.get("stroke")),
            width=self._width(e) if e.get("stroke") else 0,
        )

    def rect(self, e) -> None:
        x, y = float(e.get("x", "0")), float(e.get("y", "0"))
        w, h = float(e.get("width", "0")), float(e.get("height", "0"))
        self.draw.rectangle(
            self._xy(x, y, x + w, y + h),
            fill=_colour(e.get("fill", "black")),
            outline=_colour(e.get("stroke")),
            width=self._width(e) if e.get("stroke") else 0,
        )

    def text(self, e) -> None:
        content = "".join(e.itertext())
        size = float(e.get("font-size", "16")) * self.scale
        self.draw.text(
            self._xy(float(e.get("x", "0")), float(e.get("y", "0"))),
            content,
            fill=_colour(e.get("fill", "#0b0c0c")),
            font=_font(e.get("font-weight", "normal"), size),
            anchor=ANCHORS.get(e.get("text-anchor", "start"), "ls"),
        )

    def walk(self, element) -> None:
        for child in element:
            kind = child.tag.removeprefix(SVG)
            if kind == "g":
                self.walk(child)
            elif kind in {"line", "polyline", "circle", "rect", "text"}:
                getattr(self, kind)(child)


def _dashed(start, end, dashes):
    """The drawn pieces of a segment under a dash pattern (the whole segment without one)."""
    if not dashes or sum(dashes) <= 0:
        return [(start, end)]
    (x1, y1), (x2, y2) = start, end
    length = ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5
    if length == 0:
        return []
    pattern = dashes * 2 if len(dashes) % 2 else dashes
    pieces, position, index = [], 0.0, 0
    while position < length:
        step = min(pattern[index % len(pattern)], length - position)
        if index % 2 == 0:
            a, b = position / length, (position + step) / length
            pieces.append(
                ((x1 + (x2 - x1) * a, y1 + (y2 - y1) * a), (x1 + (x2 - x1) * b, y1 + (y2 - y1) * b))
            )
        position += step
        index += 1
    return pieces


def svg_text_alternative(svg: str) -> str:
    """What the chart says in words: its title and description, for the picture's alt text."""
    root = ElementTree.fromstring(str(svg))  # noqa: S314  (our own markup)
    parts = [root.findtext(f"{SVG}{name}", "").strip() for name in ("title", "desc")]
    return ". ".join(part.rstrip(".") for part in parts if part) + "."


def svg_png(svg: str, *, scale: float = 2) -> tuple[bytes, tuple[float, float]]:
    """The chart as PNG bytes, `scale` pixels to an SVG unit; and its size in SVG units."""
    root = ElementTree.fromstring(str(svg))  # noqa: S314  (our own markup, see the docstring)
    box = _numbers(root.get("viewBox", ""))
    if len(box) == 4:
        width, height = box[2], box[3]
    else:
        width, height = float(root.get("width", "0")), float(root.get("height", "0"))
    canvas = _Canvas(width, height, scale * SUPERSAMPLE)
    canvas.walk(root)
    image = canvas.image.resize(
        (round(width * scale), round(height * scale)), Image.Resampling.LANCZOS
    )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue(), (width, height)
