"""Annex A of a board report: every threat's nine graded items for the quarter, with the
movement since the quarter of the previous report, as plain data (frozen at publishing) and
as an SVG heatmap that reads in black and white: every cell carries its grade's abbreviation
and a movement mark, so colour only repeats what the text says."""

from types import SimpleNamespace

from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from assessments.choices import Grade
from assessments.items import GRADED_ITEMS
from assessments.models import Assessment
from assessments.selectors.lineage import last_signed_off
from threats.naming import named_for

ABBREVIATIONS = {
    Grade.OUTSTANDING: "O",
    Grade.GOOD: "G",
    Grade.ADEQUATE: "A",
    Grade.REQUIRES_IMPROVEMENT: "RI",
    Grade.INADEQUATE: "I",
}
# (fill, text) of each grade: the portal's grade colours, every pair WCAG AA, and the dark
# ones dark enough that white text stays legible when printed in greys.
COLOURS = {
    5: ("#00703c", "#ffffff"),
    4: ("#cce2d8", "#005a30"),
    3: ("#fff7bf", "#594d00"),
    2: ("#fcd6c3", "#6e3619"),
    1: ("#d4351c", "#ffffff"),
    None: ("#f3f2f1", "#383f43"),
}
ARROWS = {"up": "▲", "down": "▼", "same": "=", "none": ""}
FONT = "Liberation Sans, DejaVu Sans, sans-serif"


def _movement(grade, previous, since="") -> tuple[str, str]:
    """`since` names the quarter of the earlier grade when it is not the base quarter."""
    if grade is None or previous is None:
        return "none", "No earlier grade"
    when = f" in {since}" if since else ""
    if grade > previous:
        return "up", f"Up from {Grade(previous).label}{when}"
    if grade < previous:
        return "down", f"Down from {Grade(previous).label}{when}"
    return "same", f"Same as in {since}" if since else "Same as before"


def _signed_off(quarter):
    if quarter is None:
        return {}
    return {
        a.threat_id: a
        for a in Assessment.objects.for_quarter(quarter)
        .signed_off()
        .select_related("signed_snapshot")
        .prefetch_related("contributing_departments")
    }


def _last_signed_off(quarter, base_quarter):
    """Each threat's last signed-off assessment up to the base quarter (the quarter reported
    to the board last time), however far back, so that a threat missing from that quarter
    still shows its movement; none without a base."""
    if base_quarter is None:
        return {}
    year, number = base_quarter.financial_year, base_quarter.number
    after_base = SimpleNamespace(
        financial_year=year + 1 if number == 4 else year, number=1 if number == 4 else number + 1
    )
    return last_signed_off(
        quarter.edition.threats().values_list("pk", flat=True),
        before=after_base,
        base=Assessment.objects.select_related("signed_snapshot"),
    )


def annex_data(quarter, base_quarter=None) -> dict:
    """The annex as JSON-ready data: what the PDF, the web page and the frozen copy show.
    Movement is against each threat's last signed-off grade up to the base quarter; when that
    is from an earlier quarter, the cell says which."""
    current = _signed_off(quarter)
    base = _last_signed_off(quarter, base_quarter)
    rows = []
    for threat in named_for(list(quarter.edition.threats()), quarter):
        assessment = current.get(threat.pk)
        earlier = base.get(threat.pk)
        cells = []
        for item in GRADED_ITEMS:
            grade = assessment.grade_of(item) if assessment else None
            previous = earlier.grade_of(item) if earlier else None
            since = (
                earlier.quarter.label
                if earlier and earlier.quarter.label != base_quarter.label
                else ""
            )
            movement, movement_text = _movement(grade, previous, since)
            cells.append(
                {
                    "code": item.code,
                    "item": item.label,
                    "grade": grade,
                    "previous": previous,
                    "label": Grade(grade).label if grade else "Not signed off",
                    "abbreviation": ABBREVIATIONS[Grade(grade)] if grade else "–",
                    "movement": movement,
                    "movement_text": movement_text,
                    "arrow": ARROWS[movement],
                }
            )
        rows.append(
            {
                "threat": threat.name,
                "signed_off": assessment is not None,
                "signed_off_on": (
                    f"{timezone.localtime(assessment.signed_off_at):%-d %B %Y}"
                    if assessment
                    else ""
                ),
                "fingerprint": (
                    assessment.signed_snapshot.fingerprint
                    if assessment and assessment.signed_snapshot
                    else ""
                ),
                "cells": cells,
                "contributors": (
                    sorted(d.name for d in assessment.contributing_departments.all())
                    if assessment
                    else []
                ),
            }
        )
    data = {
        "quarter": quarter.label,
        "base_quarter": base_quarter.label if base_quarter else None,
        "items": [
            {"code": i.code, "label": i.label, "c": i.c, "level": i.level} for i in GRADED_ITEMS
        ],
        "rows": rows,
    }
    # Only when the quarter moved from was imported with the force's history, so that every
    # other paper's frozen annex (and the demo paper's bytes) stay exactly as they were.
    if base_quarter is not None and base_quarter.history_import_id:
        data["base_imported"] = (
            f"{base_quarter.label} was imported with the force's history "
            f"({base_quarter.history_import.description})"
        )
    return data


def grade_counts(quarter, base_quarter=None) -> dict:
    """Totals for the drafted conclusion: how many grades are good, poor, up and down."""
    data = annex_data(quarter, base_quarter)
    cells = [cell for row in data["rows"] if row["signed_off"] for cell in row["cells"]]
    return {
        "assessed": sum(1 for row in data["rows"] if row["signed_off"]),
        "graded": sum(1 for c in cells if c["grade"]),
        "good_or_better": sum(1 for c in cells if c["grade"] and c["grade"] >= Grade.GOOD),
        "below_adequate": sum(1 for c in cells if c["grade"] and c["grade"] < Grade.ADEQUATE),
        "up": sum(1 for c in cells if c["movement"] == "up"),
        "down": sum(1 for c in cells if c["movement"] == "down"),
    }


# Geometry of the chart, in SVG user units.
_LABEL_WIDTH = 236
_CELL_W = 80
_CELL_H = 32
_HEAD_H = 48
_LEGEND_H = 62


def _text(x, y, content, *, size=10, anchor="start", weight="normal", fill="#0b0c0c") -> str:
    return (
        f'<text x="{x}" y="{y}" font-family="{FONT}" font-size="{size}" '
        f'text-anchor="{anchor}" font-weight="{weight}" fill="{fill}">{escape(content)}</text>'
    )


def _header(items) -> list[str]:
    parts = []
    x = _LABEL_WIDTH
    groups: list[tuple[str, int]] = []
    for item in items:
        if groups and groups[-1][0] == item["c"]:
            groups[-1] = (item["c"], groups[-1][1] + 1)
        else:
            groups.append((item["c"], 1))
    for name, span in groups:
        middle = x + span * _CELL_W / 2
        if span > 1:
            parts.append(_text(middle, 15, name, size=13, anchor="middle", weight="bold"))
            parts.append(
                f'<line x1="{x + 4}" y1="21" x2="{x + span * _CELL_W - 4}" y2="21" '
                'stroke="#505a5f" stroke-width="1"/>'
            )
        else:
            parts.append(_text(middle, 26, name, size=12, anchor="middle", weight="bold"))
        x += span * _CELL_W
    for index, item in enumerate(items):
        if item["level"]:
            middle = _LABEL_WIDTH + index * _CELL_W + _CELL_W / 2
            parts.append(_text(middle, 38, item["level"], size=12, anchor="middle"))
    return parts


def _cell(x, y, cell) -> list[str]:
    fill, ink = COLOURS[cell["grade"]]
    parts = [
        f'<rect x="{x + 1}" y="{y + 1}" width="{_CELL_W - 2}" height="{_CELL_H - 2}" '
        f'fill="{fill}" stroke="#0b0c0c" stroke-width="0.5"/>'
    ]
    centre = x + _CELL_W / 2 - (6 if cell["arrow"] else 0)
    baseline = y + _CELL_H / 2 + 5
    bold = {"anchor": "middle", "weight": "bold", "fill": ink}
    parts.append(_text(centre, baseline, cell["abbreviation"], size=14, **bold))
    if cell["arrow"]:
        parts.append(_text(x + _CELL_W - 14, baseline, cell["arrow"], size=12, **bold))
    return parts


def _legend(y, base_quarter) -> list[str]:
    parts = []
    x = 0
    for grade in (5, 4, 3, 2, 1, None):
        fill, ink = COLOURS[grade]
        abbreviation = ABBREVIATIONS[Grade(grade)] if grade else "–"
        name = Grade(grade).label if grade else "Not signed off"
        parts.append(
            f'<rect x="{x}" y="{y}" width="24" height="18" fill="{fill}" '
            'stroke="#0b0c0c" stroke-width="0.5"/>'
        )
        bold = {"anchor": "middle", "weight": "bold", "fill": ink}
        parts.append(_text(x + 12, y + 13, abbreviation, size=12, **bold))
        parts.append(_text(x + 29, y + 13, name, size=12))
        x += 40 + 7 * len(name)
    since = f"since {base_quarter}, the quarter of the last report" if base_quarter else ""
    movement = (
        f"▲ up, ▼ down, = same {since}; no mark: no earlier grade"
        if since
        else "No movement is shown: there is no earlier report to compare with."
    )
    parts.append(_text(0, y + 42, movement, size=12))
    return parts


def annex_svg(data: dict) -> SafeString:
    """The heatmap as inline SVG. Every string from the database is escaped."""
    items, rows = data["items"], data["rows"]
    width = _LABEL_WIDTH + len(items) * _CELL_W
    height = _HEAD_H + len(rows) * _CELL_H + _LEGEND_H
    title = f"Heatmap of the self-assessment grades of each national threat at {data['quarter']}"
    description = (
        "Each row is a national threat and each column one of the nine graded items of the "
        "5 Cs. Each cell shows the grade's abbreviation and, where there is an earlier grade, "
        "whether it went up, down or stayed the same. Table A1 gives the same grades in words."
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="report-heatmap" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        'aria-labelledby="heatmap-title heatmap-desc">',
        f'<title id="heatmap-title">{escape(title)}</title>',
        f'<desc id="heatmap-desc">{escape(description)}</desc>',
        *_header(items),
    ]
    for index, row in enumerate(rows):
        y = _HEAD_H + index * _CELL_H
        parts.append(_text(0, y + _CELL_H / 2 + 4, row["threat"], size=12.5, weight="bold"))
        for column, cell in enumerate(row["cells"]):
            parts.extend(_cell(_LABEL_WIDTH + column * _CELL_W, y, cell))
    parts.extend(_legend(_HEAD_H + len(rows) * _CELL_H + 14, data["base_quarter"]))
    parts.append("</svg>")
    # Safe: the markup above is ours and every interpolated string went through escape().
    return mark_safe("\n".join(parts))  # noqa: S308
