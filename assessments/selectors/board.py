"""The quarter board: every national threat of a quarter, its status, its deadline signal
and its nine grades against the threat's last signed-off grades.

A fixed number of queries whatever the number of quarters, threats or assessments: the
threats (one, plus two for who leads their departments today: the named leads and the
stand-ins), this quarter's assessments (one), the
last signed-off ones (one), their evidence files counted (one), the SPR leads who may sign
off (two, for the SPR lead only) and the quarters for the picker (one).
"""

from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Subquery, Value
from django.db.models.functions import Concat
from django.http import Http404
from django.utils import timezone

from assessments.choices import NOT_STARTED_LABEL, Status
from assessments.deadlines import Signal, deadline_signal
from assessments.items import GRADED_ITEMS, GradedItem
from assessments.models import Assessment, Endorsement, Quarter
from assessments.models import quarter as calendar
from assessments.models.records import WorkflowAction
from assessments.selectors.evidence import evidence_counts
from assessments.selectors.lineage import last_signed_off
from assessments.signatories import nobody_may_sign_off
from assessments.workflow import may_act
from spr_portal.access import Can, may
from spr_portal.cache_stamp import cached_for
from spr_portal.wording import day
from threats.models import NationalThreat
from threats.naming import named_for
from threats.stand_ins import Leadership, leads_today

NOT_STARTED = "not_started"
NOT_SIGNED_OFF = "not_signed_off"
NOT_SIGNED_OFF_LABEL = "Not signed off yet"


def latest_signed_off_of(newest_first: list) -> Quarter | None:
    """The newest quarter with every national threat signed off, else the newest with any
    signed off; None if nothing is. Two queries, plus one per edition."""
    signed = dict(
        Assessment.objects.signed_off()
        .filter(quarter__in=[q.pk for q in newest_first])
        .values("quarter")
        .annotate(count=Count("pk"))
        .values_list("quarter", "count")
    )
    if not signed:
        return None
    sizes: dict[int, int] = {}
    for quarter in newest_first:
        if quarter.pk not in signed:
            continue
        if quarter.edition_id not in sizes:
            sizes[quarter.edition_id] = quarter.edition.threats().count()
        if signed[quarter.pk] >= sizes[quarter.edition_id]:
            return quarter
    return next(q for q in newest_first if q.pk in signed)


def board_quarter(user, pk: int | None = None, *, quarters: list | None = None) -> Quarter:
    """The quarter asked for; without one, the open quarter, else the latest. Taken from the
    picker's list (`quarter_picker`: every quarter the user may see), read here unless the
    page has it already. Someone who sees only signed-off results (the policing body's
    office) starts on the newest signed-off quarter: the open one is empty to them."""
    quarters = quarter_picker(user) if quarters is None else quarters
    if pk is None:
        chosen = (
            None
            if may(user, Can.SEE_PROGRESS)
            else cached_for(user, "latest_signed_off", lambda: latest_signed_off_of(quarters))
        )
        chosen = chosen or calendar.current_of(quarters)
        if chosen is None:
            raise Http404("No quarter has been set up yet.")
        return chosen
    chosen = next((q for q in quarters if q.pk == pk), None)
    if chosen is None:
        raise Http404("No such quarter.")
    return chosen


@dataclass
class BoardCell:
    item: GradedItem
    grade: int | None
    previous: int | None


@dataclass
class BoardRow:
    threat: NationalThreat
    leadership: Leadership  # today's active named leads and acting stand-ins
    assessment: Assessment | None
    status_key: str
    status_label: str
    may_review: bool = False  # the workflow allows this user to decide on it now
    cells: list[BoardCell] = field(default_factory=list)
    signal: Signal | None = None  # due, due soon, overdue, submitted late
    compared_with: str = ""  # the quarter of the grades movement is measured against
    evidence: int = 0  # the evidence files the assessment rests on as it stands
    endorsed: str = ""  # "Endorsed by … on …": the chief officer lead's latest endorsement
    may_endorse: bool = False  # this user leads the threat and it awaits the meeting


@dataclass
class QuarterBoard:
    quarter: Quarter
    previous_label: str
    rows: list[BoardRow]
    all_rows: int
    status_options: list[tuple[str, str, int]]  # (key, label, how many)
    chosen_status: str
    summary: str = ""  # "4 of 7 signed off, 2 overdue"
    unsignable: list = field(default_factory=list)  # threats nobody may sign off


def _status_vocabulary(user) -> list[tuple[str, str]]:
    if may(user, Can.SEE_PROGRESS):
        return [(NOT_STARTED, NOT_STARTED_LABEL), *Status.choices]
    return [
        (Status.SIGNED_OFF.value, Status.SIGNED_OFF.label),
        (NOT_SIGNED_OFF, NOT_SIGNED_OFF_LABEL),
    ]


# Every status a board's row may have: what the status filter may ask (anything else is
# "every status", so a cache key never holds what a request typed).
BOARD_STATUSES = frozenset({NOT_STARTED, NOT_SIGNED_OFF, *Status.values})


def board_status(asked: str) -> str:
    return asked if asked in BOARD_STATUSES else ""


def quarter_board(user, quarter, *, status: str = "", quarters: list | None = None) -> QuarterBoard:
    """The board of a quarter for this user; `quarters`: the picker's list, read here unless
    the page has it already (it says which quarter came before). Built once per user, quarter,
    status and day under the cache's write stamp (spr_portal/cache_stamp.py): every workflow
    step is a write, so the next opening after one builds it afresh."""
    status = board_status(status)
    return cached_for(
        user,
        ("board", quarter.pk, status),
        lambda: _quarter_board(user, quarter, status=status, quarters=quarters),
    )


def _quarter_board(user, quarter, *, status: str = "", quarters: list | None = None):
    threats = list(
        quarter.edition.threats().on_board_of(user, quarter).order_by("display_order", "name")
    )
    named_for(threats, quarter)
    leading = leads_today({t.owning_department_id for t in threats})
    visible = Assessment.objects.visible_to(user).grades_only()
    current = {
        a.threat_id: a
        for a in _with_endorsement(
            visible.filter(quarter=quarter, threat__in=[t.pk for t in threats])
        ).prefetch_related("contributing_departments")
    }
    # Movement is against each threat's last signed-off grades, however far back.
    previous = last_signed_off([t.pk for t in threats], before=quarter, base=visible)
    files = evidence_counts([a.pk for a in current.values()], user)
    sees_progress = may(user, Can.SEE_PROGRESS)
    may_see_all_statuses = may(user, Can.SEE_EVERY_ASSESSMENT)
    rows = []
    for threat in threats:
        assessment = current.get(threat.pk)
        earlier = previous.get(threat.pk)
        if assessment is not None:
            key, label = assessment.status, assessment.get_status_display()
        elif (
            may_see_all_statuses
            or threat.lead_holder_id == user.pk
            or leading[threat.owning_department_id].includes(user)
        ):
            key, label = NOT_STARTED, NOT_STARTED_LABEL
        else:
            key, label = NOT_SIGNED_OFF, NOT_SIGNED_OFF_LABEL
        row = BoardRow(threat, leading[threat.owning_department_id], assessment, key, label)
        if earlier is not None:
            row.compared_with = earlier.quarter.label
        if sees_progress and key != NOT_SIGNED_OFF:
            row.signal = deadline_signal(
                quarter,
                assessment.status if assessment else None,
                assessment.submitted_at if assessment else None,
            )
        if assessment is not None:
            row.may_review = may_act(WorkflowAction.RETURNED, assessment, user)
            row.evidence = files.get(assessment.pk, 0)
            row.endorsed = _endorsed(assessment)
            row.may_endorse = (
                assessment.status == Status.SUBMITTED
                and threat.lead_holder_id == user.pk
                and may(user, Can.ENDORSE)
            )
            row.cells = [
                BoardCell(
                    item,
                    assessment.grade_of(item),
                    earlier.grade_of(item) if earlier else None,
                )
                for item in GRADED_ITEMS
            ]
        rows.append(row)

    vocabulary = _status_vocabulary(user)
    known = {key for key, _ in vocabulary}
    # An office user who also leads a threat may see its drafts; keep such rows countable.
    vocabulary += [(r.status_key, r.status_label) for r in rows if r.status_key not in known]
    seen = set()
    options = []
    for key, label in vocabulary:
        if key in seen:
            continue
        seen.add(key)
        options.append((key, label, sum(1 for r in rows if r.status_key == key)))
    chosen = status if status in seen else ""
    shown = [r for r in rows if r.status_key == chosen] if chosen else rows
    earlier = calendar.latest_before(
        quarter, quarter_picker(user) if quarters is None else quarters
    )
    board = QuarterBoard(
        quarter, earlier.label if earlier else "", shown, len(rows), options, chosen
    )
    board.summary = _summary(rows)
    if may(user, Can.REVIEW):
        board.unsignable = nobody_may_sign_off(
            [r.threat for r in rows if r.status_key != Status.SIGNED_OFF], quarter
        )
    return board


def _with_endorsement(assessments):
    """The latest endorsement of each, read in the same query (the board's count stays
    fixed): who, when, and whether it endorsed the revision as it stands."""
    latest = Endorsement.objects.filter(assessment=OuterRef("pk")).order_by("-endorsed_at", "-pk")
    who = latest.annotate(
        who=Concat("endorsed_by__first_name", Value(" "), "endorsed_by__last_name")
    ).values("who")[:1]
    return assessments.annotate(
        endorsed_by_name=Subquery(who),
        endorsed_on=Subquery(latest.values("endorsed_at")[:1]),
        endorsed_revision=Subquery(latest.values("revision")[:1]),
    )


def _endorsed(assessment) -> str:
    if assessment.endorsed_on is None:
        return ""
    who = (assessment.endorsed_by_name or "").strip() or "the chief officer lead"
    text = f"Endorsed by {who} on {day(timezone.localdate(assessment.endorsed_on))}"
    if assessment.endorsed_revision != assessment.revision:
        text += " (an earlier version)"
    return text


def _summary(rows) -> str:
    signed = sum(1 for r in rows if r.status_key == Status.SIGNED_OFF)
    text = f"{signed} of {len(rows)} signed off"
    overdue = sum(1 for r in rows if r.signal and r.signal.key == "overdue")
    late = sum(1 for r in rows if r.signal and r.signal.key == "late")
    if overdue:
        text += f", {overdue} overdue"
    if late:
        text += f", {late} submitted late"
    return text


def quarter_picker(user) -> list[Quarter]:
    """Every quarter the user may see, newest first (every role sees them all); kept under
    the cache's write stamp."""
    return cached_for(
        user,
        "quarters",
        lambda: list(
            Quarter.objects.visible_to(user)
            .select_related("edition", "history_import__imported_by")
            .newest_first()
        ),
    )
