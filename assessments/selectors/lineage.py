"""The one place that says which earlier assessment a threat's grades are compared with.

Today it is the last signed-off assessment of the same national threat before a quarter,
however many quarters back (a threat that missed a quarter still shows its movement).
When threats carry a lineage across SPR editions, widen the match here and every page that
shows movement or "start from last quarter" follows.
"""

from django.db.models import Exists, OuterRef, Q

from assessments.models import Assessment
from assessments.models import quarter as quarters


def last_signed_off(threat_ids, *, before, base=None) -> dict[int, Assessment]:
    """Each threat's most recent signed-off assessment before a quarter, in one query."""
    base = Assessment.objects.all() if base is None else base
    later = (
        Assessment.objects.signed_off()
        .filter(threat=OuterRef("threat"))
        .filter(quarters.before(before, "quarter__"))
        .filter(
            Q(quarter__financial_year__gt=OuterRef("quarter__financial_year"))
            | Q(
                quarter__financial_year=OuterRef("quarter__financial_year"),
                quarter__number__gt=OuterRef("quarter__number"),
            )
        )
    )
    rows = (
        base.signed_off()
        .filter(threat__in=list(threat_ids))
        .filter(quarters.before(before, "quarter__"))
        .filter(~Exists(later))
        .select_related("quarter")
    )
    return {row.threat_id: row for row in rows}


def quarters_apart(earlier, later) -> int:
    return (later.financial_year * 4 + later.number) - (earlier.financial_year * 4 + earlier.number)


def is_more_than_a_year_old(previous, quarter) -> bool:
    """Is the version 'start from last quarter' would copy more than four quarters back?"""
    return previous is not None and quarters_apart(previous.quarter, quarter) > 4
