"""The one place that says which earlier assessment a threat's grades are compared with.

It is the last signed-off assessment of the same national threat, or of a threat it succeeds
(Public Disorder succeeds Public Order), before a quarter, however many quarters back (a
threat that missed a quarter still shows its movement). Movement, "start from last quarter"
and the history all read it from here.
"""

from django.db.models import Case, F, When, Window
from django.db.models.functions import RowNumber

from assessments.models import Assessment
from assessments.models import quarter as quarters
from threats.models import lineages


def last_signed_off(threat_ids, *, before, base=None) -> dict[int, Assessment]:
    """Each threat's most recent signed-off assessment (its own or a predecessor's) before a
    quarter; keyed by the threat asked for. The rows come from `base` (the user's visible
    assessments, say, or without their long text).

    One query: a subquery ranks, per threat of the lineages, its signed-off rows before the
    quarter and keeps the newest (a window function: one row per threat, however long the
    history); Python then takes the newest of each lineage. (An anti-join grew with the
    square of the history; a CASE of one subquery per lineage cost the board more in building
    the SQL than in running it.) One threat asked (a section page, "start from last quarter")
    is one lineage: its newest row is read straight, in order (`_newest_of_one_lineage`).
    """
    lines = lineages(list(threat_ids))
    if not lines:
        return {}
    base = Assessment.objects.all() if base is None else base
    if len(lines) == 1:
        return _newest_of_one_lineage(*lines.items(), before=before, base=base)
    # Ranked on the keys alone: ranking whole rows would carry every narrative of ten years
    # through the window only to keep one row a threat.
    newest_of_each_threat = (
        _signed_off_before(
            Assessment.objects, {t for chain in lines.values() for t in chain}, before
        )
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("threat_id")],
                order_by=[F("quarter__financial_year").desc(), F("quarter__number").desc()],
            )
        )
        .filter(rank=1)
        .order_by()  # the model's ordering would join the threat for nothing
        .values("pk")
    )
    # Visibility is the same for every signed-off row of a threat, so reading the newest of
    # each through `base` is the newest the user may see.
    rows = base.filter(pk__in=newest_of_each_threat).select_related("quarter__edition").order_by()
    by_threat = {row.threat_id: row for row in rows}
    result = {}
    for asked, chain in lines.items():
        candidates = [by_threat[t] for t in chain if t in by_threat]
        if candidates:
            result[asked] = max(
                candidates, key=lambda row: (row.quarter.financial_year, row.quarter.number)
            )
    return result


def _signed_off_before(rows, threat_ids, before):
    """Of `rows`, the signed-off assessments of `threat_ids` in quarters before `before`."""
    return (
        rows.signed_off()
        .filter(threat_id__in=threat_ids)
        .filter(quarters.before(before, "quarter__"))
    )


def _newest_of_one_lineage(line, *, before, base) -> dict[int, Assessment]:
    """The ranked read's answer for one lineage, as one ordered read of its signed-off rows
    (on the index of a threat's rows): the section page asks it after every save, and the
    ranked query cost it several times more to build than this one does. Two threats of the
    lineage signed off in one quarter: the nearer the threat asked for, as `max` keeps above."""
    asked, chain = line
    order = ["-quarter__financial_year", "-quarter__number"]
    if len(chain) > 1:
        order.append(Case(*(When(threat_id=t, then=place) for place, t in enumerate(chain))))
    newest = (
        _signed_off_before(base, chain, before)
        .select_related("quarter__edition")
        .order_by(*order)
        .first()
    )
    return {} if newest is None else {asked: newest}


def quarters_apart(earlier, later) -> int:
    return (later.financial_year * 4 + later.number) - (earlier.financial_year * 4 + earlier.number)


def is_more_than_a_year_old(previous, quarter) -> bool:
    """Is the version 'start from last quarter' would copy more than four quarters back?"""
    return previous is not None and quarters_apart(previous.quarter, quarter) > 4
