"""Quarters and signed-off self-assessments of the West Midlands Police demo.

Everything goes through the real services (so fingerprints and events are genuine), then the
timestamps are moved back to the dates of the quarter they belong to.
"""

import datetime
from contextlib import contextmanager

from django.contrib.auth import get_user_model
from django.utils import timezone

from assessments.choices import ActionStatus, EvidenceSource, Status
from assessments.demo.content import (
    ACTIONS,
    EARLIER_GRADES,
    FOUR_PS,
    ITEM_ORDER,
    LATEST_GRADES,
    LATEST_SUMMARIES,
    NARRATIVES,
    RISKS,
)
from assessments.demo.current import (
    CURRENT_SUMMARIES,
    current_summary,
    register_content,
    seed_current_quarters,
)
from assessments.demo.expectations import answer_expectations, seed_expectations
from assessments.items import ITEMS_BY_CODE
from assessments.models import (
    Assessment,
    AssessmentSnapshot,
    ImprovementAction,
    Quarter,
    WorkflowEvent,
)
from assessments.services import (
    action_add,
    action_update,
    assessment_contributors_set,
    assessment_return,
    assessment_save_draft,
    assessment_sign_off,
    assessment_start,
    assessment_submit,
)
from threats.models import Department, SprEdition

# (financial year, quarter, edition year, submission deadline, meeting date, open)
QUARTERS = [
    (2014, 3, 2012, "2014-11-21", "2014-12-04", False),
    (2014, 4, 2012, "2015-03-13", "2015-03-26", False),
    (2015, 1, 2015, "2015-06-12", "2015-06-25", False),
    (2015, 2, 2015, "2015-09-11", "2015-09-24", False),
    (2015, 3, 2015, "2015-12-11", "2016-01-14", False),
]
# The history ends with the 2 February 2016 paper: 2015/16 Q4 was never assessed, so the demo
# does not make it. The journeys around that paper open it, as it stood in March 2016
# (`open_march_2016`).
MARCH_2016 = (2015, 4, 2015, "2016-03-11", "2016-03-24")
LATEST_SIGNED_LABEL = "2015/16 Q3"
RETURNED_ONCE = {("child-sexual-abuse", "2015/16 Q2")}
# Departments brought into a threat's assessment, by department short name. None for
# 2015/16 Q3: the 2 February 2016 paper of record was published without an annex column for
# them, and its web view must keep showing what its PDF shows.
CONTRIBUTORS = {
    ("serious-organised-crime", "2014/15 Q3"): ["Firearms", "ROCU"],
    ("terrorism", "2015/16 Q1"): ["Firearms"],
}
EVIDENCE = [
    EvidenceSource.OPERATIONAL_EXPERIENCE,
    EvidenceSource.TESTING_AND_EXERCISING,
    EvidenceSource.STRA,
    EvidenceSource.PROFESSIONAL_JUDGEMENT,
]


def _date(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _content(slug: str, label: str) -> dict:
    grades = dict(zip(ITEM_ORDER, LATEST_GRADES[slug], strict=True))
    grades.update(EARLIER_GRADES.get(slug, {}).get(label, {}))
    data = {}
    for code, grade in grades.items():
        item = ITEMS_BY_CODE[code]
        sentence = NARRATIVES[slug][item.c.lower()]
        data[item.grade_field] = grade
        data[item.narrative_field] = (
            f"At {item.level.lower()} level: {sentence}" if item.level else sentence
        )
    if label == LATEST_SIGNED_LABEL:
        summary = LATEST_SUMMARIES[slug]
    elif slug in CURRENT_SUMMARIES and label >= "2023/24":
        summary = current_summary(slug, label)
    else:
        first_paragraph = LATEST_SUMMARIES[slug].split("\n\n")[0]
        summary = f"Position at {label}. {first_paragraph}"
    data.update(
        summary=summary,
        risks=RISKS[slug],
        evidence_sources=[str(source) for source in EVIDENCE],
        capability_framework="none_exists" if slug in {"child-sexual-abuse", "cyber"} else "used",
        four_ps=list(FOUR_PS[slug]),
        four_ps_narrative="The threat strategy follows the force operating model of the 4 Ps.",
    )
    return data


def seed_quarters() -> dict[str, Quarter]:
    quarters = {}
    for year, number, edition_year, deadline, meeting, is_open in QUARTERS:
        quarter, _ = Quarter.objects.get_or_create(
            financial_year=year,
            number=number,
            defaults={
                "edition": SprEdition.objects.get(year=edition_year),
                "submission_deadline": _date(deadline),
                "meeting_date": _date(meeting),
                "is_open": is_open,
            },
        )
        quarters[quarter.label] = quarter
    return quarters


def _backdate(assessment: Assessment, quarter: Quarter) -> None:
    """Move every timestamp of a freshly seeded assessment into its own quarter."""
    deadline, meeting = quarter.submission_deadline, quarter.meeting_date
    times = iter(
        [_at(deadline - datetime.timedelta(days=21), 9, 30)]
        + [_at(deadline - datetime.timedelta(days=14 - n), 10 + n % 6) for n in range(12)]
    )
    events = list(assessment.events.order_by("pk"))
    for event in events:
        if event.action == "signed_off":
            event.at = _at(meeting, 11)
        elif event.action == "returned":
            event.at = _at(deadline + datetime.timedelta(days=3), 14)
        elif event.action == "submitted" and event.from_status == Status.RETURNED:
            event.at = _at(deadline + datetime.timedelta(days=6), 12)
        else:
            event.at = next(times)
        WorkflowEvent.objects.filter(pk=event.pk).update(at=event.at)
        if event.snapshot_id and event.action != "reopened":
            AssessmentSnapshot.objects.filter(pk=event.snapshot_id).update(created_at=event.at)
    submitted = [e.at for e in events if e.action == "submitted"]
    Assessment.objects.filter(pk=assessment.pk).update(
        created_at=events[0].at,
        updated_at=_at(meeting, 11),
        submitted_at=submitted[-1],
        signed_off_at=_at(meeting, 11),
    )
    ImprovementAction.objects.filter(raised_in=assessment).update(created_at=events[1].at)


def _assess(threat, quarter, lead, reviewer) -> None:
    label = quarter.label
    assessment = assessment_start(threat=threat, quarter=quarter, actor=lead)
    assessment = assessment_save_draft(
        assessment=assessment,
        actor=lead,
        data=_content(threat.slug, label),
        revision=assessment.revision,
    )
    contributors = CONTRIBUTORS.get((threat.slug, label))
    if contributors:
        assessment = assessment_contributors_set(
            assessment=assessment,
            actor=lead,
            departments=Department.objects.filter(short_name__in=contributors),
            revision=assessment.revision,
        )
    for slug, description, owner, raised, due, closed in ACTIONS:
        if slug == threat.slug and raised == label:
            action_add(
                assessment=assessment,
                actor=lead,
                description=description,
                owner=owner,
                due_date=_date(due),
            )
        if slug == threat.slug and closed == label:
            action = ImprovementAction.objects.get(threat=threat, description=description)
            action_update(
                assessment=assessment, action=action, actor=lead, status=ActionStatus.CLOSED
            )
            # Closed on the quarter's deadline, not today, before the snapshots record it.
            ImprovementAction.objects.filter(pk=action.pk).update(
                closed_on=quarter.submission_deadline
            )
    answer_expectations(assessment, lead)
    assessment = assessment_submit(assessment=assessment, actor=lead)
    if (threat.slug, label) in RETURNED_ONCE:
        assessment = assessment_return(
            assessment=assessment,
            actor=reviewer,
            comment="Say how the new specialist officers change local capacity.",
            section_comments={"capacity_local": "Give the number of specialist officers."},
        )
        assessment = assessment_submit(assessment=assessment, actor=lead)
    assessment = assessment_sign_off(assessment=assessment, actor=reviewer)
    _backdate(assessment, quarter)


def sign_off_quarter(quarter: Quarter) -> int:
    """Signed-off assessments of every threat of a closed quarter that has none yet."""
    reviewer = get_user_model().objects.get(username="acc.security")
    made = 0
    for threat in quarter.edition.threats():
        if Assessment.objects.filter(threat=threat, quarter=quarter).exists():
            continue
        lead = threat.owning_department.leads.order_by("pk").first()
        with opened_alone(quarter):
            _assess(threat, quarter, lead, reviewer)
        made += 1
    return made


@contextmanager
def opened_alone(quarter: Quarter):
    """The services refuse a closed quarter, as they should, and only one quarter is ever
    open: open this one alone while its history is seeded, then put back what was open."""
    if Quarter.objects.filter(pk=quarter.pk, is_open=True).exists():
        yield
        return
    was_open = list(Quarter.objects.open().exclude(pk=quarter.pk).values_list("pk", flat=True))
    Quarter.objects.filter(pk__in=was_open).update(is_open=False)
    Quarter.objects.filter(pk=quarter.pk).update(is_open=True)
    quarter.is_open = True
    try:
        yield
    finally:
        Quarter.objects.filter(pk=quarter.pk).update(is_open=False)
        quarter.is_open = False
        Quarter.objects.filter(pk__in=was_open).update(is_open=True)


def open_march_2016() -> Quarter:
    """The demo as it stood in March 2016: 2015/16 Q4, with nothing submitted, the one open
    quarter (made if need be)."""
    year, number, edition_year, deadline, meeting = MARCH_2016
    Quarter.objects.open().update(is_open=False)
    quarter, _ = Quarter.objects.update_or_create(
        financial_year=year,
        number=number,
        defaults={"is_open": True},
        create_defaults={
            "edition": SprEdition.objects.get(year=edition_year),
            "submission_deadline": _date(deadline),
            "meeting_date": _date(meeting),
            "is_open": True,
        },
    )
    return quarter


def seed_assessments(quarters: dict[str, Quarter]) -> int:
    """Signed-off assessments for every closed demo quarter, then the current SPR's quarters
    up to today's (today's open); returns how many were made."""
    made = sum(sign_off_quarter(q) for q in quarters.values() if not q.is_open)
    register_content()
    seed_expectations()
    history, _current = seed_current_quarters(datetime.date.today())
    return made + sum(sign_off_quarter(q) for q in history)
