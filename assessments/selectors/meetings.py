"""The quarterly meeting as read: the agenda generated from the quarter, the decisions, the
actions it raised, and what is carried from the last meeting. The same reading serves the
meeting page and the minutes (PDF and Word), so they never disagree.

A fixed number of queries whatever the history: the threats, the quarter's assessments, the
endorsements, the decisions, the attendees, the actions raised, and the last meeting's
carried items (its open actions and deferred decisions).
"""

from dataclasses import dataclass, field

from assessments.choices import NOT_STARTED_LABEL, Status
from assessments.deadlines import Signal, deadline_signal
from assessments.models import (
    Assessment,
    Endorsement,
    ImprovementAction,
    Meeting,
    MeetingDecision,
)
from assessments.models.meetings import Decision, _threats_of
from assessments.models.quarter import before
from spr_portal.access import Can, may
from threats.models import NationalThreat
from threats.naming import named_for


@dataclass
class AgendaItem:
    threat: NationalThreat
    assessment: Assessment | None
    status_label: str
    signal: Signal | None = None  # overdue, submitted late
    returned: bool = False
    endorsement: Endorsement | None = None
    decision: MeetingDecision | None = None
    carried: list[str] = field(default_factory=list)  # from the last meeting, in words
    actions: list[ImprovementAction] = field(default_factory=list)

    @property
    def may_sign_off_or_return(self) -> bool:
        return self.assessment is not None and self.assessment.status == Status.SUBMITTED

    @property
    def is_late(self) -> bool:
        return self.signal is not None and self.signal.key in ("overdue", "late")


@dataclass
class MeetingRecord:
    meeting: Meeting
    items: list[AgendaItem]
    present: list
    apologies: list
    previous: Meeting | None
    carried_actions: list[ImprovementAction]
    carried_deferred: list[MeetingDecision]

    @property
    def late_or_returned(self) -> list[AgendaItem]:
        return [i for i in self.items if i.is_late or i.returned]


def previous_meeting(meeting) -> Meeting | None:
    """The last meeting held for an earlier quarter (never merely the quarter before, which
    may have had none)."""
    return (
        Meeting.objects.filter(before(meeting.quarter, "quarter__"))
        .select_related("quarter")
        .order_by("-quarter__financial_year", "-quarter__number")
        .first()
    )


def next_meeting(meeting) -> Meeting | None:
    """The first meeting of a later quarter: the one that approves these minutes."""
    later = Meeting.objects.exclude(pk=meeting.pk).exclude(before(meeting.quarter, "quarter__"))
    return (
        later.select_related("quarter")
        .order_by("quarter__financial_year", "quarter__number")
        .first()
    )


def threats_for(user, quarter):
    """The agenda's threats this user reads: all for the SPR lead (and for the minutes, read
    with `user` None behind `Can.READ_MINUTES`), else their own."""
    threats = quarter.edition.threats().select_related("owning_department", "chief_officer_lead")
    if user is not None and not may(user, Can.SEE_EVERY_ASSESSMENT):
        threats = threats.filter(pk__in=_threats_of(user))
    return list(threats.order_by("display_order", "name"))


def agenda_threats(meeting, user) -> list:
    """The threats on the meeting's agenda that this user reads, named as in its quarter:
    what a form that picks an agenda item offers, without the rest of the record."""
    threats = threats_for(user, meeting.quarter)
    named_for(threats, meeting.quarter)
    return threats


def meeting_record(meeting, user) -> MeetingRecord:
    """The meeting as this user may read it: every item for the SPR lead (and the minutes),
    a business lead's or chief officer lead's own threats otherwise."""
    quarter = meeting.quarter
    threats = agenda_threats(meeting, user)
    ids = [t.pk for t in threats]
    assessments = {
        a.threat_id: a
        for a in Assessment.objects.filter(quarter=quarter, threat__in=ids).only(
            "pk", "threat_id", "quarter_id", "status", "submitted_at", "revision"
        )
    }
    endorsements: dict[int, Endorsement] = {}
    for e in (
        Endorsement.objects.filter(assessment__in=[a.pk for a in assessments.values()])
        .select_related("endorsed_by")
        .order_by("endorsed_at", "pk")
    ):
        endorsements[e.assessment_id] = e  # the latest wins
    decisions = {
        d.threat_id: d
        for d in MeetingDecision.objects.filter(meeting=meeting, threat__in=ids).select_related(
            "taken_by", "event"
        )
    }
    raised: dict[int, list] = {}
    for action in ImprovementAction.objects.filter(meeting=meeting, threat__in=ids).select_related(
        "owner_user"
    ):
        raised.setdefault(action.threat_id, []).append(action)
    previous = previous_meeting(meeting)
    carried_actions, carried_deferred = [], []
    if previous is not None:
        carried_actions = list(
            ImprovementAction.objects.filter(meeting=previous, threat__in=ids)
            .still_open()
            .select_related("owner_user")
        )
        carried_deferred = list(
            MeetingDecision.objects.filter(
                meeting=previous, threat__in=ids, decision=Decision.DEFERRED
            )
        )
    items = []
    for threat in threats:
        assessment = assessments.get(threat.pk)
        status = assessment.status if assessment else None
        item = AgendaItem(
            threat=threat,
            assessment=assessment,
            status_label=assessment.get_status_display() if assessment else NOT_STARTED_LABEL,
            signal=deadline_signal(
                quarter, status, assessment.submitted_at if assessment else None
            ),
            returned=status == Status.RETURNED,
            endorsement=endorsements.get(assessment.pk) if assessment else None,
            decision=decisions.get(threat.pk),
            actions=raised.get(threat.pk, []),
        )
        for action in carried_actions:
            if action.threat_id == threat.pk:
                item.carried.append(
                    f"Open action from {previous.quarter.label}: {action.description} "
                    f"({action.owner}, due {action.due_date:%-d %B %Y})"
                )
        for deferred in carried_deferred:
            if deferred.threat_id == threat.pk:
                item.carried.append(
                    f"Deferred at the {previous.quarter.label} meeting: {deferred.rationale}"
                )
        items.append(item)
    attendees = list(meeting.attendees.select_related("user"))
    return MeetingRecord(
        meeting=meeting,
        items=items,
        present=[a for a in attendees if a.attendance == "present"],
        apologies=[a for a in attendees if a.attendance == "apologies"],
        previous=previous,
        carried_actions=carried_actions,
        carried_deferred=carried_deferred,
    )
