"""What the spreadsheet exports hold: the quarter board over one quarter or a range
(threat × graded item × grade × movement) and the actions register, each read through
`visible_to`, so a file never holds more than its reader's pages show.

A fixed number of queries whatever the number of quarters or assessments: the quarters (one),
the threats on the reader's board (one), the assessments of the range and the quarter before
it (one), the actions (one).
"""

from django.http import Http404
from django.utils import timezone

from assessments.choices import Grade, Status
from assessments.items import GRADED_ITEMS
from assessments.models import Assessment, ImprovementAction, Quarter
from threats.models import NationalThreat
from threats.naming import name_editions

MARKING = "OFFICIAL-SENSITIVE"

BOARD_COLUMNS = [
    "Quarter",
    "National threat",
    "Status",
    "Graded item",
    "C",
    "Level",
    "Grade",
    "Grade (1 Inadequate to 5 Outstanding)",
    "Previous quarter's grade",
    "Movement",
    "Signed off on",
    "Fingerprint of what was signed (SHA-256)",
]
ACTION_COLUMNS = [
    "National threat",
    "Owning department",
    "Action",
    "Owner",
    "Due date",
    "Status",
    "Overdue",
    "Raised in",
    "Closed on",
]


def quarter_range(user, first: str | None, last: str | None) -> list[Quarter]:
    """The quarters from `first` to `last` (ids; either may be missing), oldest first; one id
    alone is that quarter; neither is the current quarter. A bad id is a 404."""
    quarters = list(Quarter.objects.visible_to(user).select_related("edition").chronological())
    if not quarters:
        raise Http404("No quarter has been set up yet.")
    by_id = {str(q.pk): index for index, q in enumerate(quarters)}
    if not first and not last:
        current = Quarter.objects.visible_to(user).current()
        return [current]
    try:
        start = by_id[first or last]
        end = by_id[last or first]
    except KeyError:
        raise Http404("No such quarter.") from None
    if start > end:
        start, end = end, start
    return quarters[start : end + 1]


def _movement(grade, previous) -> str:
    if grade is None or previous is None:
        return ""
    if grade > previous:
        return "Up"
    return "Down" if grade < previous else "Same"


def board_rows(user, quarters: list[Quarter]) -> list[list]:
    periods = {(q.financial_year, q.number) for q in quarters}
    periods |= {q.previous_period for q in quarters}
    threat_ids = list(NationalThreat.objects.on_board_of(user).values_list("pk", flat=True))
    assessments = list(
        Assessment.objects.visible_to(user)
        .filter(threat__in=threat_ids, quarter__in=_quarter_ids(periods))
        .select_related("threat", "quarter__edition", "signed_snapshot")
    )
    signed = {
        (a.threat_id, a.quarter.financial_year, a.quarter.number): a
        for a in assessments
        if a.status == Status.SIGNED_OFF
    }
    in_range = {q.pk for q in quarters}
    chosen = [a for a in assessments if a.quarter_id in in_range]
    chosen.sort(key=lambda a: (a.quarter.financial_year, a.quarter.number, a.threat.display_order))
    name_editions(a.quarter.edition for a in chosen)
    rows = []
    for assessment in chosen:
        year, number = assessment.quarter.previous_period
        earlier = signed.get((assessment.threat_id, year, number))
        signed_on = (
            f"{timezone.localtime(assessment.signed_off_at):%Y-%m-%d}"
            if assessment.status == Status.SIGNED_OFF and assessment.signed_off_at
            else ""
        )
        fingerprint = assessment.signed_snapshot.fingerprint if assessment.signed_snapshot else ""
        for item in GRADED_ITEMS:
            grade = assessment.grade_of(item)
            previous = earlier.grade_of(item) if earlier else None
            rows.append(
                [
                    assessment.quarter.label,
                    assessment.threat_name,
                    assessment.get_status_display(),
                    item.label,
                    item.c,
                    item.level,
                    Grade(grade).label if grade else "",
                    grade,
                    Grade(previous).label if previous else "",
                    _movement(grade, previous),
                    signed_on,
                    fingerprint if signed_on else "",
                ]
            )
    return rows


def _quarter_ids(periods):
    """The ids of the quarters of these (year, number) periods, as one subquery."""
    ids = [
        pk
        for pk, year, number in Quarter.objects.values_list("pk", "financial_year", "number")
        if (year, number) in periods
    ]
    return ids


def action_rows(user) -> list[list]:
    today = timezone.localdate()
    actions = (
        ImprovementAction.objects.visible_to(user)
        .select_related("threat__owning_department", "raised_in__quarter__edition")
        .order_by("due_date", "threat__display_order", "pk")
    )
    actions = list(actions)
    name_editions(a.raised_in.quarter.edition for a in actions)
    return [
        [
            action.threat_name,
            action.threat.owning_department.name,
            action.description,
            action.owner,
            action.due_date.isoformat(),
            action.get_status_display(),
            "Yes" if action.status != "closed" and action.due_date < today else "No",
            action.raised_in.quarter.label,
            action.closed_on.isoformat() if action.closed_on else "",
        ]
        for action in actions
    ]
