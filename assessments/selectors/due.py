"""What is due, for the home page, as each role needs it: a business lead's self-assessments
still to submit, a chief officer lead's threats still to be submitted, the SPR lead's quarter
(submissions waiting, who has not submitted, and who is overdue). Each with the deadline and
whether it has passed (`assessments/deadlines.py` `deadline_signal`: the same words as the
board). A fixed number of queries, however many threats or assessments.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q

from assessments.choices import NOT_SUBMITTED, Status
from assessments.deadlines import deadline_signal, today
from assessments.models import Assessment, LateSubmissionGrant, Quarter, WorkflowEvent
from assessments.models.records import WorkflowAction
from spr_portal.access import Can, may
from spr_portal.wording import counted
from spr_portal.wording import day as _day
from threats.models import NationalThreat
from threats.naming import named_for

# A self-assessment's standing as the home page's sentence says it ("…: not started, due …").
_STANDING = {
    None: "not started",
    Status.DRAFT: "draft",
    Status.RETURNED: "returned for revision",
}
REOPENED_STANDING = "reopened"


def _when(deadline: datetime.date, on: datetime.date) -> str:
    """ "due 11 December 2026 (in 9 days)", or after the deadline "was due … (2 days ago)"
    (the page puts "overdue" before it in words, never in colour alone)."""
    days = (deadline - on).days
    if days < 0:
        return f"was due {_day(deadline)} ({counted(-days, 'day')} ago)"
    return f"due {_day(deadline)} ({'today' if days == 0 else 'in ' + counted(days, 'day')})"


@dataclass
class DueItem:
    """One threat's self-assessment of a quarter, not yet submitted."""

    quarter: Quarter
    threat: NationalThreat  # named as the quarter's edition words it
    assessment_id: int | None
    status: str | None
    reopened: bool
    late_granted: bool
    on: datetime.date
    # the late submission's own last day, where the SPR lead granted one with a deadline
    late_deadline: datetime.date | None = None

    @property
    def standing(self) -> str:
        if self.reopened and self.status == Status.DRAFT:
            return REOPENED_STANDING
        return _STANDING[self.status]

    @property
    def overdue(self) -> bool:
        if self.late_granted:  # only grants still running are listed: due by their own day
            return False
        return deadline_signal(self.quarter, self.status, None, on=self.on).key == "overdue"

    @property
    def when(self) -> str:
        if self.late_granted and self.late_deadline:
            return _when(self.late_deadline, self.on)
        return _when(self.quarter.submission_deadline, self.on)


@dataclass
class QuarterDue:
    """A quarter's work due for one person: the items not yet submitted, and (for the SPR
    lead) how many wait for review or are signed off, of how many threats."""

    quarter: Quarter
    on: datetime.date
    items: list[DueItem] = field(default_factory=list)
    submitted: int = 0
    signed_off: int = 0
    threats: int = 0

    @property
    def overdue(self) -> bool:
        """Past the deadline with something not submitted."""
        return any(item.overdue for item in self.items)

    @property
    def when(self) -> str:
        return _when(self.quarter.submission_deadline, self.on)

    def by_department(self) -> list[tuple[str, list[DueItem]]]:
        """The items under their owning departments, in the order of the threats."""
        grouped: dict[str, list[DueItem]] = {}
        for item in self.items:
            grouped.setdefault(item.threat.owner_name, []).append(item)
        return list(grouped.items())


def _quarters_of(
    user, *, late_threats: bool, on: datetime.date
) -> tuple[list[Quarter], dict[tuple[int, int], datetime.date | None]]:
    """The open quarters, and (for a business lead) closed ones where the SPR lead granted one
    of their threats a late submission still running on `on`, with those (quarter, threat)
    pairs and each grant's last day (the latest, where there are several)."""
    late: dict[tuple[int, int], datetime.date | None] = {}
    if late_threats:
        for quarter_id, threat_id, deadline in (
            LateSubmissionGrant.objects.visible_to(user)
            .active(on)
            .filter(quarter__is_open=False)
            .order_by("deadline")
            .values_list("quarter_id", "threat_id", "deadline")
        ):
            late[quarter_id, threat_id] = deadline
    quarters = list(
        Quarter.objects.visible_to(user)
        .filter(Q(is_open=True) | Q(pk__in=[q for q, _ in late]))
        .select_related("edition")
        .chronological()
    )
    return quarters, late


def _due(user, threats_of, *, late_threats: bool = False, on=None) -> list[QuarterDue]:
    """Each quarter's threats (`threats_of(edition threats)` chooses whose) and where their
    self-assessments stand: one query for the quarters, one per edition for the threats and
    one for their names, one for the assessments."""
    on = on or today()
    quarters, late = _quarters_of(user, late_threats=late_threats, on=on)
    if not quarters:
        return []
    threats_by_edition = {}
    for quarter in quarters:
        if quarter.edition_id not in threats_by_edition:
            threats_by_edition[quarter.edition_id] = named_for(
                list(threats_of(quarter.edition.threats()).order_by("display_order", "name")),
                quarter,
            )
    reopened = WorkflowEvent.objects.filter(
        assessment=OuterRef("pk"), action=WorkflowAction.REOPENED
    )
    # Only the threats shown: what each person may know of (the same rows as `visible_to`).
    shown = {t.pk for threats in threats_by_edition.values() for t in threats}
    standing = {
        (quarter_id, threat_id): (pk, status, was_reopened)
        for pk, quarter_id, threat_id, status, was_reopened in Assessment.objects.filter(
            quarter__in=quarters, threat__in=shown
        )
        .annotate(was_reopened=Exists(reopened))
        .values_list("pk", "quarter_id", "threat_id", "status", "was_reopened")
    }
    result = []
    for quarter in quarters:
        threats = threats_by_edition[quarter.edition_id]
        if not quarter.is_open:
            threats = [t for t in threats if (quarter.pk, t.pk) in late]
        due = QuarterDue(quarter=quarter, on=on, threats=len(threats))
        for threat in threats:
            pk, status, was_reopened = standing.get((quarter.pk, threat.pk), (None, None, False))
            if status == Status.SUBMITTED:
                due.submitted += 1
            elif status == Status.SIGNED_OFF:
                due.signed_off += 1
            if status in NOT_SUBMITTED:
                due.items.append(
                    DueItem(
                        quarter=quarter,
                        threat=threat,
                        assessment_id=pk,
                        status=status,
                        reopened=was_reopened,
                        late_granted=not quarter.is_open,
                        on=on,
                        late_deadline=late.get((quarter.pk, threat.pk)),
                    )
                )
        result.append(due)
    return result


def due_for_lead(user, *, on=None) -> list[QuarterDue]:
    """A business lead's self-assessments still to submit, quarter by quarter."""
    if not may(user, Can.WORK_ON_ASSESSMENTS):
        return []
    return [
        due for due in _due(user, lambda t: t.owned_by(user), late_threats=True, on=on) if due.items
    ]


def due_for_chief_officer(user, *, on=None) -> list[QuarterDue]:
    """The threats a chief officer lead holds whose self-assessments are still to submit."""
    if not may(user, Can.SEE_LED_THREATS):
        return []
    return [due for due in _due(user, lambda t: t.led_by(user), on=on) if due.items]


def due_for_reviewer(user, *, on=None) -> list[QuarterDue]:
    """The SPR lead's open quarter: submitted and signed off of how many, and the rest by
    owning department (overdue once the deadline has passed)."""
    if not may(user, Can.REVIEW):
        return []
    return _due(user, lambda t: t, on=on)


def next_meeting(user) -> Quarter | None:
    """For the policing body's office, who reads the results: the open quarter, whose
    quarterly meeting the board report follows."""
    if not may(user, Can.SEE_SIGNED_OFF):
        return None
    return Quarter.objects.visible_to(user).open().newest_first().first()
