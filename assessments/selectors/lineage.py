"""The one place that says which earlier assessment a threat's grades are compared with.

Today it is the last signed-off assessment of the same national threat before a quarter,
however many quarters back (a threat that missed a quarter still shows its movement).
When threats carry a lineage across SPR editions, widen the match here and every page that
shows movement or "start from last quarter" follows.
"""

from django.db.models import OuterRef, Subquery

from assessments.models import Assessment
from assessments.models import quarter as quarters
from threats.models import NationalThreat


def last_signed_off(threat_ids, *, before, base=None) -> dict[int, Assessment]:
    """Each threat's most recent signed-off assessment before a quarter, in one query.

    Per threat, the newest signed-off row before the quarter (a subquery with LIMIT 1, which
    reads each threat's history once); the rows then come from `base`. An anti-join ("no
    later signed-off row") compared every row with every other row of its threat, which grew
    with the square of the history (17 ms of the board's time at ten years, in the benchmark).
    """
    base = Assessment.objects.all() if base is None else base
    newest = (
        Assessment.objects.signed_off()
        .filter(threat=OuterRef("pk"))
        .filter(quarters.before(before, "quarter__"))
        .order_by("-quarter__financial_year", "-quarter__number")
        .values("pk")[:1]
    )
    latest = (
        NationalThreat.objects.filter(pk__in=list(threat_ids))
        .annotate(latest=Subquery(newest))
        .values("latest")
    )
    rows = base.signed_off().filter(pk__in=latest).select_related("quarter")
    return {row.threat_id: row for row in rows}


def quarters_apart(earlier, later) -> int:
    return (later.financial_year * 4 + later.number) - (earlier.financial_year * 4 + earlier.number)


def is_more_than_a_year_old(previous, quarter) -> bool:
    """Is the version 'start from last quarter' would copy more than four quarters back?"""
    return previous is not None and quarters_apart(previous.quarter, quarter) > 4
