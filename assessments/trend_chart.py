"""A line chart of average grades over quarters, as server-rendered SVG that needs no script
and no style attribute (presentation attributes only, so the strict CSP holds). It does not
rely on colour: every point is a labelled marker with its value written beside it, the y axis
names the grades, and a table beside the chart gives the same numbers."""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from assessments.choices import Grade

FONT = "Arial, Helvetica, sans-serif"
_LEFT, _TOP, _RIGHT, _BOTTOM = 180, 20, 30, 70
_STEP = 90  # horizontal distance between quarters
_HEIGHT = 240  # plot height, grades 1 to 5


def _y(value: float) -> float:
    return _TOP + (5 - value) / 4 * _HEIGHT


def _text(x, y, content, *, anchor="start", size=13, weight="normal") -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-family="{FONT}" font-size="{size}" '
        f'text-anchor="{anchor}" font-weight="{weight}" fill="#0b0c0c">{escape(content)}</text>'
    )


def trend_svg(points, *, title: str, description: str, chart_id: str) -> SafeString:
    """`points`: objects with `quarter` (label) and `value` (average grade or None)."""
    width = _LEFT + max(1, len(points)) * _STEP + _RIGHT
    height = _TOP + _HEIGHT + _BOTTOM
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="trend-chart" viewBox="0 0 {width} '
        f'{height}" width="{width}" height="{height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]
    for grade in Grade:
        y = _y(grade.value)
        parts.append(
            f'<line x1="{_LEFT}" y1="{y:.1f}" x2="{width - _RIGHT}" y2="{y:.1f}" '
            'stroke="#b1b4b6" stroke-width="1" stroke-dasharray="4 4"/>'
        )
        parts.append(_text(_LEFT - 10, y + 4, f"{grade.value} {grade.label}", anchor="end"))
    coordinates = []
    for index, point in enumerate(points):
        x = _LEFT + _STEP / 2 + index * _STEP
        parts.append(_text(x, _TOP + _HEIGHT + 24, point.quarter, anchor="middle", size=12))
        if point.value is not None:
            coordinates.append((x, _y(point.value), point.value))
    if len(coordinates) > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in coordinates)
        parts.append(f'<polyline points="{path}" fill="none" stroke="#1d70b8" stroke-width="3"/>')
    for x, y, value in coordinates:
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" fill="#ffffff" stroke="#0b0c0c" '
            'stroke-width="2"/>'
        )
        parts.append(_text(x, y - 12, f"{value:.1f}", anchor="middle", size=12, weight="bold"))
    parts.append(_text(_LEFT, height - 16, "Average grade of the nine items of the 5 Cs", size=12))
    parts.append("</svg>")
    # Safe: the markup is ours and every interpolated string went through escape().
    return mark_safe("".join(parts))  # noqa: S308
