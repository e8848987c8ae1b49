"""Reads for the business lead's pages: their assessments, last quarter's, the reviewer's
comments and the state of each section of the task list."""

from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Q

from assessments.choices import (
    NOT_STARTED_LABEL,
    ActionStatus,
    EvidenceSource,
    FourP,
    Grade,
    Status,
)
from assessments.items import GRADED_ITEMS, ITEMS_BY_CODE, SECTION_LABELS
from assessments.models import (
    Assessment,
    ImprovementAction,
    LateSubmissionGrant,
    Quarter,
    WorkflowEvent,
)
from assessments.models.records import WorkflowAction
from assessments.rules import is_a_sentence
from assessments.selectors.lineage import last_signed_off
from spr_portal.wording import person_name
from threats.models import Department, NationalThreat
from threats.naming import named_for

IN_PROGRESS = "In progress"
COMPLETED = "Completed"
OPTIONAL = "Optional"
# A section "start from last quarter" filled in, not yet opened and saved by the lead.
CHECK = "Check"
CARRIED_HINT = "Carried forward from last quarter: open it, check it is still true and save it"

# The task list's groups, in the order a lead works through them.
TASK_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Grade the 5 Cs", tuple(item.code for item in GRADED_ITEMS)),
    ("Evidence, the 4 Ps and risks", ("evidence", "four_ps", "risks", "contributors")),
    ("Improvement actions and summary", ("actions", "summary")),
)


# What submission does not need; the task list shows them as "Optional" until filled in.
OPTIONAL_SECTIONS = frozenset({"four_ps", "risks", "actions", "contributors"})
# Tasks of the list that are not sections of the form (their own page, not in the snapshot).
TASK_LABELS = {"contributors": "Contributing departments"}


def lead_assessments(user):
    """What a business lead works on: visible to them and of a threat their department owns
    (a lead who is also a chief officer reads other threats elsewhere, not here)."""
    return Assessment.objects.visible_to(user).owned_by(user)


def latest_signed_off(threats, *, before: Quarter) -> dict[int, Assessment]:
    """Each threat's most recent signed-off assessment before a quarter, in one query."""
    return last_signed_off(threats, before=before)


def previous_assessment(assessment) -> Assessment | None:
    """What this threat's lead last had signed off, shown beside each field."""
    return latest_signed_off([assessment.threat_id], before=assessment.quarter).get(
        assessment.threat_id
    )


@dataclass
class OpenQuarterRow:
    threat: NationalThreat
    assessment: Assessment | None
    last_signed_off: Assessment | None
    grant: LateSubmissionGrant | None = None  # in a closed quarter: its latest late submission

    @property
    def may_work(self) -> bool:
        """Open quarter, or a late submission still running."""
        return self.grant is None or self.grant.is_active()

    @property
    def status(self):
        return self.assessment.status if self.assessment else None


@dataclass
class OpenQuarter:
    quarter: Quarter
    rows: list[OpenQuarterRow] = field(default_factory=list)


def my_assessments_page(user) -> dict:
    """The open quarters' rows for every threat the lead's department owns, and the
    department's past assessments. The number of queries does not grow with the history."""
    # Closed quarters count too where the SPR lead granted one of the lead's threats a late
    # submission; only those threats are listed for them.
    # Oldest first, so that each threat keeps its latest grant (running or expired).
    late = {
        (grant.quarter_id, grant.threat_id): grant
        for grant in LateSubmissionGrant.objects.visible_to(user)
        .filter(quarter__is_open=False)
        .order_by("granted_at", "pk")
    }
    open_quarters = list(
        Quarter.objects.visible_to(user)
        .filter(Q(is_open=True) | Q(pk__in=[q for q, _ in late]))
        .select_related("edition")
        .chronological()
    )
    threats_by_edition = {
        edition.pk: named_for(list(edition.threats().owned_by(user)), quarter)
        for quarter in open_quarters
        for edition in [quarter.edition]
    }
    current = {
        (a.quarter_id, a.threat_id): a
        for a in lead_assessments(user).filter(quarter__in=open_quarters).grades_only()
    }
    groups = []
    for quarter in open_quarters:
        threats = threats_by_edition[quarter.edition_id]
        if not quarter.is_open:
            threats = [t for t in threats if (quarter.pk, t.pk) in late]
        last = (
            last_signed_off(
                [t.pk for t in threats], before=quarter, base=Assessment.objects.grades_only()
            )
            if threats
            else {}
        )
        groups.append(
            OpenQuarter(
                quarter=quarter,
                rows=[
                    OpenQuarterRow(
                        threat=threat,
                        assessment=current.get((quarter.pk, threat.pk)),
                        last_signed_off=last.get(threat.pk),
                        grant=late.get((quarter.pk, threat.pk)),
                    )
                    for threat in threats
                ],
            )
        )
    past = (
        lead_assessments(user)
        .exclude(quarter__is_open=True)
        .select_related("quarter", "threat")
        .only("pk", "status", "signed_off_at", "submitted_at", "quarter", "threat")
        .with_threat_name()
        .order_by("-quarter__financial_year", "-quarter__number", "threat__display_order")
    )
    departments = list(
        Department.objects.led_by(user).order_by("name").values_list("name", flat=True)
    )
    # `past` stays a query: the page shows it a page at a time (ten years is 80 rows a threat).
    return {"open_quarters": groups, "past": past, "departments": departments}


@dataclass
class ReturnNote:
    """The reviewer's comments of the latest return for revision."""

    event: WorkflowEvent
    overall: str
    sections: dict[str, str]


def latest_return(assessment) -> ReturnNote | None:
    if assessment.status != Status.RETURNED:
        return None
    event = (
        assessment.events.filter(action=WorkflowAction.RETURNED)
        .select_related("actor")
        .order_by("-at", "-pk")
        .first()
    )
    if event is None:
        return None
    comments = {c.section: c.body for c in event.comments.all()}
    return ReturnNote(
        event=event,
        overall=comments.get("", event.comment),
        sections={k: v for k, v in comments.items() if k},
    )


def section_state(assessment, code: str, actions: list | None = None) -> str:
    """Not started, In progress or Completed, following the rules of submission."""
    if code in ITEMS_BY_CODE:
        item = ITEMS_BY_CODE[code]
        grade, narrative = assessment.grade_of(item), assessment.narrative_of(item).strip()
        if grade is not None and is_a_sentence(narrative):
            return COMPLETED
        return IN_PROGRESS if grade is not None or narrative else NOT_STARTED_LABEL
    if code == "evidence":
        if assessment.evidence_sources and assessment.capability_framework:
            return COMPLETED
        return (
            IN_PROGRESS
            if assessment.evidence_sources or assessment.capability_framework
            else (NOT_STARTED_LABEL)
        )
    if code == "four_ps":
        if assessment.four_ps and is_a_sentence(assessment.four_ps_narrative):
            return COMPLETED
        return (
            IN_PROGRESS
            if assessment.four_ps or assessment.four_ps_narrative.strip()
            else (OPTIONAL)
        )
    if code == "risks":
        return COMPLETED if assessment.risks.strip() else OPTIONAL
    if code in ("actions", "contributors"):
        # Nothing to complete: the hint says how many are open, or who contributed.
        return OPTIONAL
    if code == "summary":
        if is_a_sentence(assessment.summary):
            return COMPLETED
        return IN_PROGRESS if assessment.summary.strip() else NOT_STARTED_LABEL
    raise KeyError(code)


def actions_of(assessment) -> list[ImprovementAction]:
    return list(
        ImprovementAction.objects.for_assessment(assessment).select_related("raised_in__quarter")
    )


def action_statuses(assessment) -> list[str]:
    """The status of each action the assessment shows: all that the task list counts, without
    reading the actions themselves."""
    return list(
        ImprovementAction.objects.for_assessment(assessment).values_list("status", flat=True)
    )


def action_counts(statuses) -> str:
    still_open = sum(1 for status in statuses if status != ActionStatus.CLOSED)
    closed = len(statuses) - still_open
    parts = [f"{still_open} open"]
    if closed:
        parts.append(f"{closed} closed this quarter")
    return ", ".join(parts)


@dataclass
class Task:
    code: str
    label: str
    state: str
    hint: str
    has_comment: bool


def task_groups(
    assessment, *, statuses: list[str], note: ReturnNote | None
) -> list[tuple[str, list[Task]]]:
    """The task list; `statuses`: those of the assessment's actions (action_statuses)."""
    commented = set(note.sections) if note else set()
    groups = []
    for title, codes in TASK_GROUPS:
        tasks = []
        for code in codes:
            hint = ""
            if code in ITEMS_BY_CODE and assessment.grade_of(ITEMS_BY_CODE[code]):
                hint = f"Grade: {Grade(assessment.grade_of(ITEMS_BY_CODE[code])).label}"
            elif code == "actions" and statuses:
                hint = action_counts(statuses)
            elif code == "contributors":
                names = [d.name for d in assessment.contributing_departments.all()]
                hint = ", ".join(names)
            carried = code in assessment.carried_to_check
            if carried:
                hint = f"{CARRIED_HINT}. {hint}" if hint else CARRIED_HINT
            tasks.append(
                Task(
                    code=code,
                    label=SECTION_LABELS.get(code) or TASK_LABELS[code],
                    state=CHECK if carried else section_state(assessment, code),
                    hint=hint,
                    has_comment=code in commented,
                )
            )
        groups.append((title, tasks))
    return groups


def _labels(choices_class, codes) -> list[str]:
    labels = dict(choices_class.choices)
    return [labels.get(code, code) for code in codes]


def section_values(assessment) -> dict[str, dict]:
    """Each section's content in words, for the read-only page and for last quarter's aside."""
    values = {
        item.code: {
            "graded": True,
            "grade": assessment.grade_of(item),
            "text": assessment.narrative_of(item),
        }
        for item in GRADED_ITEMS
    }
    values["evidence"] = {
        "choices": _labels(EvidenceSource, assessment.evidence_sources),
        "framework": assessment.get_capability_framework_display(),
    }
    values["four_ps"] = {
        "choices": _labels(FourP, assessment.four_ps),
        "text": assessment.four_ps_narrative,
    }
    values["risks"] = {"text": assessment.risks}
    values["summary"] = {"text": assessment.summary}
    return values


@dataclass(frozen=True)
class LastDone:
    at: datetime
    by: str  # the person, named as every page names them


def last_done(assessment_pk: int) -> LastDone | None:
    """When the latest thing was done to a self-assessment, and by whom: who saved it before
    a refused save. The statement is written out, as the save's own read is (services/assessments.py
    `lock_to_save`): a refused save is the answer people sharing a draft get most, and
    Django took four times the database's time to build this query (docs/benchmarks.md).
    Newest first, as the `event_newest_first` index holds them."""
    event = next(iter(WorkflowEvent.objects.raw(_LAST_DONE, [assessment_pk])), None)
    if event is None:
        return None
    names = {name: getattr(event, name) for name in ("first_name", "last_name", "username")}
    return LastDone(at=event.at, by=person_name(get_user_model()(**names)))


def _last_done_sql() -> str:
    quote = connection.ops.quote_name
    event, user = WorkflowEvent._meta, get_user_model()._meta
    e = {f.name: quote(f.column) for f in event.concrete_fields}
    u = {f.name: quote(f.column) for f in user.concrete_fields}
    return (
        f"SELECT e.{e['id']}, e.{e['at']}, u.{u['first_name']}, u.{u['last_name']}, "  # noqa: S608
        f"u.{u['username']} FROM {quote(event.db_table)} e "
        f"JOIN {quote(user.db_table)} u ON u.{u['id']} = e.{e['actor']} "
        f"WHERE e.{e['assessment']} = %s ORDER BY e.{e['at']} DESC, e.{e['id']} DESC LIMIT 1"
    )


# Names of tables and columns only (the models'); the id is a parameter.
_LAST_DONE = _last_done_sql()
