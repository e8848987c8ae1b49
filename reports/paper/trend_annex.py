"""Annex B of a board report (optional, off unless the SPR lead adds it): the force's
average signed-off grade and each threat's, quarter by quarter up to the report's quarter.
Frozen into the published report with Annex A, so that the paper never changes later."""

from assessments.items import GRADED_ITEMS
from assessments.models import Assessment
from assessments.models.quarter import up_to
from assessments.trend_chart import gap_notes, trend_svg
from threats.naming import names_under

TREND_HEADING = "Annex B: Trend of the grades"


def _average(values):
    values = [v for v in values if v]
    return round(sum(values) / len(values), 2) if values else None


def trend_data(quarter) -> dict:
    """JSON-ready: {"threats": [names], "rows": [{"quarter", "average", "threats": [...]}]}."""
    assessments = (
        Assessment.objects.signed_off()
        .filter(up_to(quarter, "quarter__"))
        .select_related("quarter__history_import__imported_by", "threat")
        .order_by("quarter__financial_year", "quarter__number", "threat__display_order")
    )
    names = names_under(quarter.edition)
    threats: dict[int, str] = {}
    by_quarter: dict[str, dict[int, float | None]] = {}
    imported: dict[int, list] = {}  # each history import: [its record, its quarters' labels]
    for assessment in assessments:
        record = assessment.quarter.history_import
        if record is not None:
            labels = imported.setdefault(record.pk, [record, []])[1]
            if assessment.quarter.label not in labels:
                labels.append(assessment.quarter.label)
        # Named as the report's quarter names them (one name per column).
        threats.setdefault(assessment.threat_id, names.get(assessment.threat_id, ""))
        grades = [assessment.grade_of(item) for item in GRADED_ITEMS]
        by_quarter.setdefault(assessment.quarter.label, {})[assessment.threat_id] = _average(grades)
    order = list(threats)
    data = {
        "threats": [threats[pk] for pk in order],
        "rows": [
            {
                "quarter": label,
                "average": _average(values.values()),
                "threats": [values.get(pk) for pk in order],
            }
            for label, values in by_quarter.items()
        ],
    }
    # Only when a quarter shown was imported, so that every other paper's frozen annex (and
    # the demo paper's bytes) stay exactly as they were.
    if imported:
        data["imported"] = [
            f"{_span(labels)} {'was' if len(labels) == 1 else 'were'} imported with the force's "
            f"history ({record.description})"
            for record, labels in imported.values()
        ]
    return data


def _span(labels: list[str]) -> str:
    return labels[0] if len(labels) == 1 else f"{labels[0]} to {labels[-1]}"


class _Point:
    def __init__(self, row):
        self.quarter, self.value = row["quarter"], row["average"]


def trend_annex_svg(data: dict):
    return trend_svg(
        [_Point(row) for row in data["rows"]],
        title="Average signed-off grade of the force, quarter by quarter",
        description="Each point is labelled with its value; Table B1 gives the same numbers.",
        chart_id="annex-trend",
    )


def trend_gaps(data: dict) -> list[str]:
    """The quarters Table B1 skips because nothing was signed off for them, said in words."""
    return gap_notes(row["quarter"] for row in data["rows"])
