"""What the spreadsheet exports hold: the quarter board over one quarter or a range
(threat × graded item × grade × movement) and the actions register, each read through
`visible_to`, so a file never holds more than its reader's pages show.

A fixed number of queries whatever the number of quarters or assessments: the quarters (one),
the threats on the reader's board (one), their lineage (one), the assessments of the range
(one), the grades of the signed-off assessments movement is measured against (one), the
actions (one). Movement follows the board: against the last signed-off grade of the same
threat or of one it succeeds, however many quarters back, and the row says which quarter.
"""

from django.http import Http404
from django.utils import timezone

from assessments.choices import Grade, Status
from assessments.items import GRADED_ITEMS
from assessments.models import Assessment, ImprovementAction, Quarter
from assessments.models import quarter as calendar
from threats.models import NationalThreat, lineages
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
    "Last signed-off grade",
    "Movement",
    "Signed off on",
    "Fingerprint of what was signed (SHA-256)",
    "Movement measured against",
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


def _period(quarter) -> tuple[int, int]:
    return (quarter.financial_year, quarter.number)


def _signed_history(user, members, last: Quarter) -> list[Assessment]:
    """The grades of every signed-off assessment of these threats up to `last`, oldest first
    (grades only: the narratives are not read)."""
    grade_fields = [item.grade_field for item in GRADED_ITEMS]
    return list(
        Assessment.objects.visible_to(user)
        .signed_off()
        .filter(threat__in=members)
        .filter(calendar.up_to(last, "quarter__"))
        .select_related("quarter")
        .only("threat", "quarter__financial_year", "quarter__number", *grade_fields)
        .order_by("quarter__financial_year", "quarter__number")
    )


def _last_signed_before(history, chain, assessment):
    """The newest of `history` in the threat's lineage before the assessment's quarter."""
    before = _period(assessment.quarter)
    found = None
    for earlier in history:
        if _period(earlier.quarter) >= before:
            break
        if earlier.threat_id in chain:
            found = earlier
    return found


def board_rows(user, quarters: list[Quarter]) -> list[list]:
    threat_ids = list(NationalThreat.objects.on_board_of(user).values_list("pk", flat=True))
    lines = lineages(threat_ids)
    members = {t for chain in lines.values() for t in chain}
    chosen = list(
        Assessment.objects.visible_to(user)
        .filter(threat__in=threat_ids, quarter__in=[q.pk for q in quarters])
        .select_related("threat", "quarter__edition", "signed_snapshot")
    )
    chosen.sort(key=lambda a: (a.quarter.financial_year, a.quarter.number, a.threat.display_order))
    history = _signed_history(user, members, quarters[-1]) if quarters else []
    name_editions(a.quarter.edition for a in chosen)
    rows = []
    for assessment in chosen:
        earlier = _last_signed_before(history, set(lines[assessment.threat_id]), assessment)
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
                    earlier.quarter.label if earlier else "",
                ]
            )
    return rows


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
