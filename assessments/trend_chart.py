"""A line chart of average grades over quarters, as server-rendered SVG that needs no script
and no style attribute (presentation attributes only, so the strict CSP holds). It does not
rely on colour: every point is a labelled marker with its value written beside it, the y axis
names the grades, and a table beside the chart gives the same numbers.

Where quarters are missing between two points (no signed-off assessment for them: a threat
not assessed for years, a new edition's successor), the line breaks, a mark crosses the axis
and the chart says which quarters have none, rather than drawing years as one step."""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from assessments.choices import Grade

FONT = "Arial, Helvetica, sans-serif"
_LEFT, _TOP, _RIGHT, _BOTTOM = 180, 20, 30, 70
_STEP = 90  # horizontal distance between quarters
_HEIGHT = 240  # plot height, grades 1 to 5
_NOTE_LINE = 18  # each "No assessments between …" line below the axis
_LABEL = re.compile(r"^(\d{4})/\d{2} Q([1-4])$")


def _period(label: str) -> tuple[int, int] | None:
    """(financial year, quarter number) of a label such as "2015/16 Q3"."""
    found = _LABEL.match(label)
    return (int(found.group(1)), int(found.group(2))) if found else None


def _follows(earlier: tuple[int, int], later: tuple[int, int]) -> bool:
    year, number = earlier
    return later == ((year, number + 1) if number < 4 else (year + 1, 1))


def gap_indexes(labels) -> list[int]:
    """Each i where quarters are missing between labels[i] and labels[i + 1]."""
    periods = [_period(label) for label in labels]
    return [
        i
        for i in range(len(periods) - 1)
        if periods[i] and periods[i + 1] and not _follows(periods[i], periods[i + 1])
    ]


def gap_notes(labels) -> list[str]:
    """What the chart says of each gap: "No assessments between 2016/17 Q1 and 2025/26 Q3"."""
    labels = list(labels)
    return [f"No assessments between {labels[i]} and {labels[i + 1]}" for i in gap_indexes(labels)]


def _y(value: float) -> float:
    return _TOP + (5 - value) / 4 * _HEIGHT


def _text(x, y, content, *, anchor="start", size=13, weight="normal") -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-family="{FONT}" font-size="{size}" '
        f'text-anchor="{anchor}" font-weight="{weight}" fill="#0b0c0c">{escape(content)}</text>'
    )


# On screen the chart fits a desktop's page column (960px): its latest quarters, a little
# closer together; the table beside it gives every quarter. The paper keeps the layout above.
SCREEN_QUARTERS = 12
_SCREEN_LEFT, _SCREEN_STEP = 160, 62


def trend_svg(
    points, *, title: str, description: str, chart_id: str, screen: bool = False
) -> SafeString:
    """`points`: objects with `quarter` (label) and `value` (average grade or None).
    `screen`: for a page, the latest SCREEN_QUARTERS quarters only, laid out to fit 960px."""
    left, step = (_SCREEN_LEFT, _SCREEN_STEP) if screen else (_LEFT, _STEP)
    if screen and len(points) > SCREEN_QUARTERS:
        points = list(points)[-SCREEN_QUARTERS:]
        description = (
            f"{description} The chart shows the latest {SCREEN_QUARTERS} quarters, from "
            f"{points[0].quarter}; the table gives every quarter."
        )
    labels = [point.quarter for point in points]
    gaps, notes = gap_indexes(labels), gap_notes(labels)
    if notes:
        description = f"{description} {'. '.join(notes)}: the line breaks there."
    width = left + max(1, len(points)) * step + _RIGHT
    # On screen each quarter's label takes two lines (year, then quarter) to fit its step.
    below = _NOTE_LINE if screen else 0
    height = _TOP + _HEIGHT + _BOTTOM + below + _NOTE_LINE * len(notes)
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
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - _RIGHT}" y2="{y:.1f}" '
            'stroke="#b1b4b6" stroke-width="1" stroke-dasharray="4 4"/>'
        )
        parts.append(_text(left - 10, y + 4, f"{grade.value} {grade.label}", anchor="end"))
    # The line is drawn in runs of consecutive quarters: a gap starts a new run.
    runs: list[list[tuple[float, float, float]]] = [[]]
    for index, point in enumerate(points):
        x = left + step / 2 + index * step
        if screen and _period(point.quarter):
            year, number = point.quarter.split(" ")
            parts.append(_two_lines(x, _TOP + _HEIGHT + 24, year, number))
        else:
            parts.append(_text(x, _TOP + _HEIGHT + 24, point.quarter, anchor="middle", size=12))
        if point.value is not None:
            runs[-1].append((x, _y(point.value), point.value))
        if index in gaps:
            runs.append([])
    for index in gaps:
        parts.extend(_break_mark(left + step * (index + 1)))
    for run in runs:
        if len(run) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in run)
            parts.append(
                f'<polyline points="{path}" fill="none" stroke="#1d70b8" stroke-width="3"/>'
            )
    for x, y, value in (coordinate for run in runs for coordinate in run):
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" fill="#ffffff" stroke="#0b0c0c" '
            'stroke-width="2"/>'
        )
        parts.append(_text(x, y - 12, f"{value:.1f}", anchor="middle", size=12, weight="bold"))
    for number, note in enumerate(notes):
        parts.append(_text(10, _TOP + _HEIGHT + 46 + below + _NOTE_LINE * number, note, size=12))
    parts.append(_text(left, height - 16, "Average grade of the nine items of the 5 Cs", size=12))
    parts.append("</svg>")
    # Safe: the markup is ours and every interpolated string went through escape().
    return mark_safe("".join(parts))  # noqa: S308


def _two_lines(x: float, y: float, first: str, second: str) -> str:
    """A label of two centred lines (a quarter: "2023/24" above "Q3")."""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-family="{FONT}" font-size="12" '
        f'text-anchor="middle" fill="#0b0c0c"><tspan x="{x:.1f}">{escape(first)}</tspan>'
        f'<tspan x="{x:.1f}" dy="14">{escape(second)}</tspan></text>'
    )


def _break_mark(x: float) -> list[str]:
    """A dashed upright through the plot and a double slash across the axis: time missing."""
    axis = _TOP + _HEIGHT
    return [
        f'<line x1="{x:.1f}" y1="{_TOP}" x2="{x:.1f}" y2="{axis}" stroke="#505a5f" '
        'stroke-width="1" stroke-dasharray="2 4"/>',
        *(
            f'<line x1="{x + dx - 4:.1f}" y1="{axis + 6}" x2="{x + dx + 4:.1f}" y2="{axis - 6}" '
            'stroke="#0b0c0c" stroke-width="2"/>'
            for dx in (-3, 3)
        ),
    ]
