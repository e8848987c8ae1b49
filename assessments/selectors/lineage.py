"""The one place that says which earlier assessment a threat's grades are compared with.

It is the last signed-off assessment of the same national threat, or of a threat it succeeds
(Public Disorder succeeds Public Order), before a quarter, however many quarters back (a
threat that missed a quarter still shows its movement). Movement, "start from last quarter"
and the history all read it from here.
"""

from django.db.models import Case, IntegerField, Subquery, Value, When

from assessments.models import Assessment
from assessments.models import quarter as quarters
from threats.models import NationalThreat, lineages


def _line_of(lines: dict[int, list[int]]):
    """An expression giving, for an assessment's threat, the asked threat whose lineage it is
    in (a threat with two successors counts towards the first asked)."""
    whens, seen = [], set()
    for asked, chain in lines.items():
        members = [t for t in chain if t not in seen]
        seen.update(members)
        if members:
            whens.append(When(threat_id__in=members, then=Value(asked)))
    return Case(*whens, default=Value(None), output_field=IntegerField())


def _newest_of(chain: list[int], before):
    """The newest signed-off assessment of any threat of `chain` before the quarter."""
    return Subquery(
        Assessment.objects.signed_off()
        .filter(threat_id__in=chain)
        .filter(quarters.before(before, "quarter__"))
        .order_by("-quarter__financial_year", "-quarter__number")
        .values("pk")[:1]
    )


def last_signed_off(threat_ids, *, before, base=None) -> dict[int, Assessment]:
    """Each threat's most recent signed-off assessment (its own or a predecessor's) before a
    quarter; keyed by the threat asked for.

    Per lineage, the newest signed-off row before the quarter (a subquery with LIMIT 1, which
    reads each lineage's history once); the rows then come from `base`. An anti-join ("no
    later signed-off row") compared every row with every other row of its threat, which grew
    with the square of the history (17 ms of the board's time at ten years, in the benchmark).
    """
    threat_ids = list(threat_ids)
    if not threat_ids:
        return {}
    lines = lineages(threat_ids)
    base = Assessment.objects.all() if base is None else base
    newest = Case(
        *(When(pk=asked, then=_newest_of(chain, before)) for asked, chain in lines.items()),
        default=Value(None),
        output_field=IntegerField(),
    )
    latest = NationalThreat.objects.filter(pk__in=threat_ids).annotate(latest=newest)
    rows = (
        base.signed_off()
        .filter(pk__in=latest.values("latest"))
        .annotate(line=_line_of(lines))
        .select_related("quarter__edition")
    )
    return {row.line: row for row in rows}


def quarters_apart(earlier, later) -> int:
    return (later.financial_year * 4 + later.number) - (earlier.financial_year * 4 + earlier.number)


def is_more_than_a_year_old(previous, quarter) -> bool:
    """Is the version 'start from last quarter' would copy more than four quarters back?"""
    return previous is not None and quarters_apart(previous.quarter, quarter) > 4
