"""Trends: the force's grades over every quarter, and one threat's."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from assessments.items import GRADED_GROUPS, GRADED_ITEMS
from assessments.models import Quarter
from assessments.selectors.trends import force_trend, threat_trend
from assessments.trend_chart import SCREEN_QUARTERS, trend_svg
from spr_portal.access import Can, requires
from threats.models import NationalThreat
from threats.naming import named_for


def _chart_note(points) -> str:
    """Said under the chart when it shows only the latest quarters of a longer history."""
    if len(points) <= SCREEN_QUARTERS:
        return ""
    return (
        f"The chart shows the latest {SCREEN_QUARTERS} quarters, from "
        f"{points[-SCREEN_QUARTERS].quarter}. The table gives all {len(points)}."
    )


@require_GET
@requires(Can.READ_BOARD)
def force_trends(request):
    trend = force_trend(request.user)
    chart = trend_svg(
        trend["points"],
        title="Average signed-off grade of the force, quarter by quarter",
        description=(
            "A line through each quarter's average of the signed-off grades of the national "
            "threats shown in the table below; each point is labelled with its value."
        ),
        chart_id="force-trend",
        screen=True,
    )
    return render(
        request,
        "assessments/review/trends.html",
        {"trend": trend, "chart": chart, "chart_note": _chart_note(trend["points"])},
    )


@require_GET
@requires(Can.READ_BOARD)
def threat_trends(request, slug):
    # A threat off the reader's board is a 404, as on the quarter board.
    threat = NationalThreat.objects.on_board_of(request.user).filter(slug=slug).first()
    if threat is None:
        raise Http404("No such national threat on your board.")
    current = Quarter.objects.current()
    if current is not None:  # as the threat is worded now, like the board and the paper
        named_for([threat], current)
    trend = threat_trend(request.user, threat)
    chart = trend_svg(
        trend.points,
        title=f"Average signed-off grade of {threat.name}, quarter by quarter",
        description=(
            "A line through each quarter's average of the nine graded items; each point is "
            "labelled with its value. The table below gives every item's grade."
        ),
        chart_id="threat-trend",
        screen=True,
    )
    return render(
        request,
        "assessments/review/threat_trend.html",
        {
            "trend": trend,
            "chart": chart,
            "chart_note": _chart_note(trend.points),
            "items": GRADED_ITEMS,
            "groups": GRADED_GROUPS,
            "threat": threat,
        },
    )
