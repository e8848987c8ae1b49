"""A generated history on top of the demo: quarter after quarter of self-assessments, actions,
review comments and published board reports, up to a given depth (40 quarters is ten years).

It is the benchmark's data set (`manage.py seed_history`, scripts/bench.py): pages must cost
the same queries on it as on the demo. Every step goes through the real services (quarters
created, opened and closed; assessments started, saved, submitted, returned with comments,
signed off with their fingerprints; reports drafted and published with their PDFs), so audit
rows, snapshots and constraints are genuine; then the timestamps are moved into the quarter
they belong to, as the demo does. Text is generated from a fixed seed, at the lengths a force
really writes (a narrative of 600–1,900 characters, a summary of 1,500–3,500).
"""

import datetime
import random

from django.contrib.auth import get_user_model
from django.db import transaction

from assessments.choices import ActionStatus, EvidenceSource, Status
from assessments.demo import _backdate
from assessments.demo.content import FOUR_PS, NARRATIVES, RISKS
from assessments.items import GRADED_ITEMS, NARRATIVE_MAX_LENGTH
from assessments.models import Assessment, ImprovementAction, Quarter
from assessments.services import (
    action_add,
    action_update,
    assessment_return,
    assessment_save_draft,
    assessment_sign_off,
    assessment_start,
    assessment_submit,
)
from assessments.services.quarters import quarter_close, quarter_create, quarter_open
from reports.models import BoardReport
from reports.services import report_create, report_publish
from threats.force_profile import Marking
from threats.models import SprEdition

SEED = 2016
SENTENCES = [
    "The position is reviewed monthly at the threat's delivery board, chaired by the lead.",
    "Partners in the Local Resilience Forum have confirmed their part of the plan in writing.",
    "Two exercises this quarter tested the plan; the debriefs are recorded on the force system.",
    "Staffing is at establishment, with two posts covered by officers on temporary promotion.",
    "The regional collaboration agreement was renewed and its governance strengthened.",
    "Specialist training is current for all but three officers, who are booked on courses.",
    "Demand rose by about a tenth on the same quarter last year, absorbed within the teams.",
    "The national lead's peer review found the arrangements sound, with minor points to act on.",
    "Mutual aid was provided twice under the national protocol without affecting local cover.",
    "Intelligence sharing with neighbouring forces runs through the regional hub every day.",
    "The strategic threat and risk assessment was refreshed and its priorities are unchanged.",
    "Budget pressure may reduce the number of trained staff in the next financial year.",
    "A dip sample of twenty cases found the procedures followed in all but one.",
    "Lessons from the national debrief have been built into local guidance and briefings.",
    "On-call arrangements were tested out of hours and answered within the expected time.",
    "The new case management system has improved the quality of the records kept.",
]
SECTION_COMMENTS = {
    "capacity_local": "Give the number of trained officers available at the end of the quarter.",
    "capability": "Say which national standard the training follows.",
    "consistency": "Name the peer review and when it reported.",
    "connectivity": "Say how the regional hub is used day to day.",
}
OWNERS = ["Head of Force CID", "Head of Force Operations", "Head of Public Protection"]


class Writer:
    """Grades that drift slowly, and text of realistic length that a lead edits from quarter
    to quarter (a sentence or two changed, as in real returns), from one fixed seed."""

    def __init__(self, seed: int = SEED):
        self.random = random.Random(seed)  # noqa: S311  (text, not secrets)
        self.grades: dict[str, dict[str, int]] = {}
        self.texts: dict[tuple[str, str], list[str]] = {}

    def text(self, first: str, low: int, high: int, limit: int, key=None) -> str:
        sentences = self.texts.get(key) if key else None
        if sentences:
            for _ in range(self.random.randint(1, 2)):
                sentences[self.random.randrange(1, len(sentences))] = self.random.choice(SENTENCES)
        else:
            target = self.random.randint(low, high)
            sentences = [first]
            while sum(len(s) + 1 for s in sentences) < target:
                sentences.append(self.random.choice(SENTENCES))
            if key:
                self.texts[key] = sentences
        return " ".join(sentences)[:limit].rsplit(" ", 1)[0].rstrip(",;.") + "."

    def grade(self, slug: str, code: str) -> int:
        grades = self.grades.setdefault(slug, {})
        grade = grades.get(code, self.random.randint(2, 4))
        if self.random.random() < 0.15:
            grade = min(5, max(1, grade + self.random.choice((-1, 1))))
        grades[code] = grade
        return grade

    def content(self, slug: str, label: str) -> dict:
        narratives = NARRATIVES.get(slug, {})
        data = {}
        for item in GRADED_ITEMS:
            first = narratives.get(item.c.lower(), f"{item.label} is assessed at {label}.")
            data[item.grade_field] = self.grade(slug, item.code)
            data[item.narrative_field] = self.text(
                first, 600, 1900, NARRATIVE_MAX_LENGTH, key=(slug, item.code)
            )
        data.update(
            summary=self.text("Position this quarter.", 1500, 3500, 4000, key=(slug, "summary")),
            risks=self.text(
                RISKS.get(slug, "Demand may outgrow capacity."), 300, 900, 4000, key=(slug, "risks")
            ),
            evidence_sources=[
                str(EvidenceSource.OPERATIONAL_EXPERIENCE),
                str(EvidenceSource.PROFESSIONAL_JUDGEMENT),
            ],
            capability_framework="used",
            four_ps=list(FOUR_PS.get(slug, ("pursue", "prevent", "protect", "prepare"))),
            four_ps_narrative="The threat strategy follows the force operating model of the 4 Ps.",
        )
        return data


def _next_period(year: int, number: int) -> tuple[int, int]:
    return (year, number + 1) if number < 4 else (year + 1, 1)


def _edition_for(year: int) -> SprEdition:
    return SprEdition.objects.filter(year__lte=year).order_by("-year").first()


def _quarter(spr_lead, year: int, number: int) -> Quarter:
    existing = Quarter.objects.filter(financial_year=year, number=number).first()
    if existing:
        return existing
    probe = Quarter(financial_year=year, number=number)
    deadline = probe.end_date - datetime.timedelta(days=20)
    return quarter_create(
        actor=spr_lead,
        financial_year=year,
        number=number,
        edition=_edition_for(year),
        submission_deadline=deadline,
        meeting_date=deadline + datetime.timedelta(days=14),
    )


def _draft(writer, threat, quarter) -> Assessment:
    """The quarter's assessment of the threat, started and saved by its lead."""
    lead = threat.owning_department.leads.order_by("pk").first()
    assessment = Assessment.objects.filter(threat=threat, quarter=quarter).first()
    if assessment is None:
        assessment = assessment_start(threat=threat, quarter=quarter, actor=lead)
    if assessment.is_editable:
        assessment = assessment_save_draft(
            assessment=assessment,
            actor=lead,
            data=writer.content(threat.slug, quarter.label),
            revision=assessment.revision,
        )
    return assessment


def _actions(writer, assessment, lead) -> None:
    """Close some of the threat's open actions, raise a new one now and then."""
    for action in ImprovementAction.objects.filter(threat=assessment.threat).still_open():
        if writer.random.random() < 0.35:
            action_update(
                assessment=assessment, action=action, actor=lead, status=ActionStatus.CLOSED
            )
            ImprovementAction.objects.filter(pk=action.pk).update(
                closed_on=assessment.quarter.submission_deadline
            )
    if writer.random.random() < 0.45:
        action_add(
            assessment=assessment,
            actor=lead,
            description=writer.text("Agree and deliver the improvement plan.", 80, 300, 1000),
            owner=writer.random.choice(OWNERS),
            due_date=assessment.quarter.end_date + datetime.timedelta(days=180),
        )


def _sign_off(writer, threat, quarter, spr_lead) -> None:
    lead = threat.owning_department.leads.order_by("pk").first()
    assessment = _draft(writer, threat, quarter)
    if assessment.status == Status.DRAFT:
        _actions(writer, assessment, lead)
        assessment = assessment_submit(assessment=assessment, actor=lead)
    if assessment.status == Status.SUBMITTED and writer.random.random() < 0.2:
        section = writer.random.choice(list(SECTION_COMMENTS))
        assessment = assessment_return(
            assessment=assessment,
            actor=spr_lead,
            comment="Please add the figures the board will ask for.",
            section_comments={section: SECTION_COMMENTS[section]},
        )
        assessment = assessment_submit(assessment=assessment, actor=lead)
    if assessment.status == Status.SUBMITTED:
        assessment = assessment_sign_off(assessment=assessment, actor=spr_lead)
        _backdate(assessment, quarter)


def prepare_open_quarter(writer=None) -> Quarter:
    """The open quarter as the benchmark needs it: every threat started and saved, the first
    two submitted for review, the rest drafts (so the section form can be saved)."""
    writer = writer or Writer(SEED + 1)
    quarter = Quarter.objects.open().get()
    for index, threat in enumerate(quarter.edition.threats().order_by("display_order", "pk")):
        assessment = _draft(writer, threat, quarter)
        if index < 2 and assessment.status == Status.DRAFT:
            lead = threat.owning_department.leads.order_by("pk").first()
            assessment_submit(assessment=assessment, actor=lead)
    return quarter


def _publish(spr_lead, quarter, previous) -> BoardReport:
    meeting = quarter.meeting_date + datetime.timedelta(days=7)
    existing = BoardReport.objects.filter(quarter=quarter, version=1).first()
    if existing:
        return existing
    report = report_create(
        actor=spr_lead,
        quarter=quarter,
        meeting_date=meeting,
        agenda_item="7",
        marking=Marking.OFFICIAL,
        previous_report=previous,
    )
    return report_publish(report=report, actor=spr_lead, revision=report.revision)


def seed_history(depth: int = 40, reports: int = 4) -> dict:
    """Quarters up to `depth` in all, each signed off but the last, which is left open (see
    prepare_open_quarter); a published board report for the third quarter of each of the
    last `reports` complete years. Returns what was added."""
    spr_lead = get_user_model().objects.get(username="acc.security")
    writer = Writer()
    added = {"quarters": 0, "assessments": 0, "reports": 0}
    before = Assessment.objects.count()
    signed = []  # the quarters this run signed off in full: only they can be reported on
    while True:
        current = Quarter.objects.open().first() or Quarter.objects.newest_first().first()
        if Quarter.objects.count() >= depth and current.is_open:
            break
        with transaction.atomic():
            for threat in current.edition.threats():
                _sign_off(writer, threat, current, spr_lead)
            following = _quarter(spr_lead, *_next_period(current.financial_year, current.number))
            signed.append(current.pk)
            if current.is_open:
                quarter_close(quarter=current, actor=spr_lead)
            quarter_open(quarter=following, actor=spr_lead)
            added["quarters"] += 1
    with transaction.atomic():
        prepare_open_quarter()
        previous = BoardReport.objects.published().order_by("-meeting_date").first()
        thirds = Quarter.objects.filter(pk__in=signed, number=3, is_open=False).newest_first()
        thirds = thirds[:reports]
        for quarter in reversed(list(thirds)):
            if not BoardReport.objects.filter(quarter=quarter).exists():
                previous = _publish(spr_lead, quarter, previous)
                added["reports"] += 1
    added["assessments"] = Assessment.objects.count() - before
    return added
