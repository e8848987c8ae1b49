"""Grades over every quarter: one threat's nine graded items quarter by quarter, and the
force as a whole (each threat's average). Signed-off grades only, read through visible_to and
the threats on the reader's board, in a fixed number of queries whatever the history."""

from dataclasses import dataclass, field

from assessments.items import GRADED_ITEMS
from assessments.models import Assessment
from assessments.selectors.expectations import figure_trend
from threats.models import NationalThreat, lineage_ids


@dataclass
class TrendPoint:
    quarter: str
    value: float | None  # the average grade, 1 to 5


@dataclass
class ThreatTrend:
    threat: NationalThreat
    points: list[TrendPoint] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)  # quarter, grades of the nine items, average
    imports: list = field(default_factory=list)  # the history imports of the quarters shown
    figures: object = None  # the force's contribution figures (selectors/expectations.py)


def _imports_of(quarters) -> list:
    """The imports the quarters shown came from (HistoryImport), oldest first, each once."""
    found = {q.history_import_id: q.history_import for q in quarters if q.history_import_id}
    return [found[pk] for pk in sorted(found)]


def _average(grades) -> float | None:
    graded = [g for g in grades if g]
    return round(sum(graded) / len(graded), 2) if graded else None


def _signed(user, threat_ids):
    return (
        Assessment.objects.visible_to(user)
        .signed_off()
        .filter(threat__in=threat_ids)
        .select_related("quarter__history_import__imported_by")
        .order_by("quarter__financial_year", "quarter__number")
    )


def threat_trend(user, threat) -> ThreatTrend:
    """The threat's grades quarter by quarter, its predecessors' included (Public Disorder's
    trend starts with Public Order's quarters)."""
    trend = ThreatTrend(threat)
    lineage = lineage_ids(threat.pk)
    signed = list(_signed(user, lineage))
    for assessment in signed:
        grades = [assessment.grade_of(item) for item in GRADED_ITEMS]
        average = _average(grades)
        trend.points.append(TrendPoint(assessment.quarter.label, average))
        trend.rows.append(
            {
                "quarter": assessment.quarter.label,
                "imported": bool(assessment.quarter.history_import_id),
                "grades": grades,
                "average": average,
            }
        )
    trend.imports = _imports_of(a.quarter for a in signed)
    if signed:
        # One query more, whatever the number of quarters.
        trend.figures = figure_trend(_signed(user, lineage))
    return trend


def force_trend(user) -> dict:
    """Each quarter's force-wide average (over the threats the reader may see) and each
    threat's average, for the quarter board's trend page."""
    threats = list(NationalThreat.objects.on_board_of(user).order_by("display_order", "name"))
    by_quarter: dict[str, dict[int, float | None]] = {}
    signed = list(_signed(user, [t.pk for t in threats]))
    imported = {a.quarter.label for a in signed if a.quarter.history_import_id}
    for assessment in signed:
        grades = [assessment.grade_of(item) for item in GRADED_ITEMS]
        by_quarter.setdefault(assessment.quarter.label, {})[assessment.threat_id] = _average(grades)
    points = [
        TrendPoint(label, _average([v for v in values.values() if v is not None]))
        for label, values in by_quarter.items()
    ]
    shown = [t for t in threats if any(t.pk in values for values in by_quarter.values())]
    rows = [
        {
            "quarter": label,
            "imported": label in imported,
            "average": point.value,
            "threats": [values.get(t.pk) for t in shown],
        }
        for (label, values), point in zip(by_quarter.items(), points, strict=True)
    ]
    imports = _imports_of(a.quarter for a in signed)
    return {"points": points, "threats": shown, "rows": rows, "imports": imports}
