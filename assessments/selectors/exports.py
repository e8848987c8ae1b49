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

from assessments.choices import ActionStatus, Grade, Status
from assessments.items import GRADED_ITEMS
from assessments.models import Assessment, ImprovementAction, Quarter
from assessments.models import quarter as calendar
from threats.models import NationalThreat, lineages
from threats.naming import name_editions, names_by_year

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


_GRADE_FIELDS = [item.grade_field for item in GRADED_ITEMS]
_GRADE_LABELS = {grade.value: grade.label for grade in Grade}


def _signed_history(user, members, last: Quarter) -> list[tuple]:
    """(threat id, financial year, quarter number, grade…) of every signed-off assessment of
    these threats up to `last`, oldest first. Tuples, not model instances: at ten years this
    is hundreds of rows per export, and building an assessment and its quarter for each was
    a third of the board export's time (the benchmark's profile)."""
    return list(
        Assessment.objects.visible_to(user)
        .signed_off()
        .filter(threat__in=members)
        .filter(calendar.up_to(last, "quarter__"))
        .order_by("quarter__financial_year", "quarter__number")
        .values_list("threat_id", "quarter__financial_year", "quarter__number", *_GRADE_FIELDS)
    )


def _last_signed_before(history, chain, quarter):
    """The newest row of `history` in the threat's lineage before the quarter."""
    before = (quarter.financial_year, quarter.number)
    found = None
    for earlier in history:
        if earlier[1:3] >= before:
            break
        if earlier[0] in chain:
            found = earlier
    return found


def board_rows(user, quarters: list[Quarter]) -> list[list]:
    threat_ids = list(NationalThreat.objects.on_board_of(user).values_list("pk", flat=True))
    lines = lineages(threat_ids)
    members = {t for chain in lines.values() for t in chain}
    # Only what the rows show: the narratives and the signed snapshot's content are most of
    # each row and none of the file.
    chosen = list(
        Assessment.objects.visible_to(user)
        .filter(threat__in=threat_ids, quarter__in=[q.pk for q in quarters])
        .select_related("threat", "quarter__edition", "signed_snapshot")
        .only(
            "status",
            "signed_off_at",
            *_GRADE_FIELDS,
            "threat__display_order",
            "quarter__financial_year",
            "quarter__number",
            "quarter__edition__year",
            "signed_snapshot__fingerprint",
        )
    )
    chosen.sort(key=lambda a: (a.quarter.financial_year, a.quarter.number, a.threat.display_order))
    history = _signed_history(user, members, quarters[-1]) if quarters else []
    name_editions(a.quarter.edition for a in chosen)
    rows = []
    for assessment in chosen:
        earlier = _last_signed_before(history, set(lines[assessment.threat_id]), assessment.quarter)
        signed_on = (
            f"{timezone.localtime(assessment.signed_off_at):%Y-%m-%d}"
            if assessment.status == Status.SIGNED_OFF and assessment.signed_off_at
            else ""
        )
        fingerprint = assessment.signed_snapshot.fingerprint if assessment.signed_snapshot else ""
        # The same for every graded item of the assessment: worked out once.
        shared = (assessment.quarter.label, assessment.threat_name, assessment.get_status_display())
        earlier_label = ""
        if earlier:  # labelled as the quarter model labels itself
            earlier_label = Quarter(financial_year=earlier[1], number=earlier[2]).label
        for index, item in enumerate(GRADED_ITEMS):
            grade = assessment.grade_of(item)
            previous = earlier[3 + index] if earlier else None
            rows.append(
                [
                    *shared,
                    item.label,
                    item.c,
                    item.level,
                    _GRADE_LABELS[grade] if grade else "",
                    grade,
                    _GRADE_LABELS[previous] if previous else "",
                    _movement(grade, previous),
                    signed_on,
                    fingerprint if signed_on else "",
                    earlier_label,
                ]
            )
    return rows


def action_rows(user) -> list[list]:
    """Tuples, not model instances, with the threat's name looked up by edition year: an
    action and the threat, department, assessment, quarter and edition behind it were five
    objects a row, most of the export's time (the benchmark's profile)."""
    today = timezone.localdate()
    actions = list(
        ImprovementAction.objects.visible_to(user)
        .order_by("due_date", "threat__display_order", "pk")
        .values_list(
            "threat_id",
            "threat__owning_department__name",
            "description",
            "owner",
            "due_date",
            "status",
            "closed_on",
            "raised_in__quarter__financial_year",
            "raised_in__quarter__number",
            "raised_in__quarter__edition__year",
        )
    )
    names = names_by_year(action[-1] for action in actions)
    statuses = dict(ActionStatus.choices)
    labels = {}  # (financial year, number): the quarter's label, as the quarter model gives it
    rows = []
    for threat_id, department, description, owner, due, status, closed_on, *when in actions:
        year, number, edition_year = when
        label = labels.get((year, number))
        if label is None:
            label = labels[year, number] = Quarter(financial_year=year, number=number).label
        rows.append(
            [
                names[edition_year].get(threat_id, ""),
                department,
                description,
                owner,
                due.isoformat(),
                statuses.get(status, status),
                "Yes" if status != "closed" and due < today else "No",
                label,
                closed_on.isoformat() if closed_on else "",
            ]
        )
    return rows
