"""The demo's policing body's regard and annual SPR assurance statement.

The regard: the office records receipt of both demo papers, a question on each that the SPR
lead answers, and a conclusion (a year of it, December 2014 to March 2016). Rows of their own:
the papers themselves, their stored bytes included, are untouched.

The statement: the demo's last full financial year (the one before today's, under the 2023
SPR) is signed off quarter by quarter (the quarters the current history lacks are added,
`assessments.demo.current.seed_full_year`), then the office drafts the statement from it,
writes its conclusions and publishes it, all through the real services. A second run adds
nothing.
"""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.text import capfirst

from assessments.demo import sign_off_quarter
from assessments.demo.current import last_full_year, seed_full_year
from reports.assurance_models import (
    AssuranceStatement,
    RegardConclusion,
    RegardEntry,
    RegardKind,
)
from reports.models import BoardReport
from reports.services.regard import regard_answer, regard_record
from reports.services.statements import statement_create, statement_publish, statement_update

# (meeting date of the paper, [(kind, days after the meeting, hour, text, conclusion)])
REGARD = [
    (
        datetime.date(2014, 12, 16),
        [
            (RegardKind.RECEIPT, 1, 10, "", ""),
            (
                RegardKind.QUESTION,
                3,
                11,
                "The paper grades cyber capability as requires improvement. What will change "
                "before the next report, and when will the board see it?",
                "",
            ),
            (
                RegardKind.ANSWER,
                23,
                15,
                "The regional cyber crime unit's two new investigators start in February; the "
                "lead will report their effect on capability in the 2014/15 Q4 "
                "self-assessment, which the board hears in the next paper.",
                "",
            ),
            (
                RegardKind.CONCLUSION,
                35,
                9,
                "Assurance taken for this quarter.",
                RegardConclusion.NOTED,
            ),
        ],
    ),
    (
        datetime.date(2016, 2, 2),
        [
            (RegardKind.RECEIPT, 1, 9, "", ""),
            (
                RegardKind.QUESTION,
                8,
                14,
                "Child sexual abuse was returned for revision in 2015/16 Q2. Is the local "
                "capacity now in place, and how is it measured?",
                "",
            ),
            (
                RegardKind.ANSWER,
                22,
                16,
                "Twelve specialist officers joined the public protection unit in November. "
                "Capacity is measured against the demand profile each month and reported in "
                "the self-assessment's local capacity grade.",
                "",
            ),
            (
                RegardKind.CONCLUSION,
                28,
                10,
                "The body will ask for the demand profile with the next paper.",
                RegardConclusion.FURTHER_ASSURANCE,
            ),
        ],
    ),
]

STATEMENT_CONCLUSIONS = (
    "Having regard to the Strategic Policing Requirement throughout the year, {body} takes "
    "assurance that the force can play its part in the national response to each threat.\n\n"
    "- {Body} will continue to seek assurance on child sexual abuse capacity, as it did on "
    "the board's papers.\n"
    "- {Body} asks for the public order mobilisation figures with the next year's first paper."
)


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def seed_regard() -> int:
    users = get_user_model().objects
    office, lead = users.get(username="pcc.office"), users.get(username="acc.security")
    made = 0
    for meeting_date, steps in REGARD:
        report = BoardReport.objects.published().filter(meeting_date=meeting_date).first()
        if report is None or RegardEntry.objects.filter(report=report).exists():
            continue
        question = None
        for kind, days, hour, text, conclusion in steps:
            at = _at(meeting_date + datetime.timedelta(days=days), hour)
            if kind == RegardKind.ANSWER:
                regard_answer(question=question, actor=lead, text=text, at=at)
            else:
                entry = regard_record(
                    report=report, actor=office, kind=kind, text=text, conclusion=conclusion, at=at
                )
                if kind == RegardKind.QUESTION:
                    question = entry
            made += 1
    return made


def seed_statement(today: datetime.date | None = None) -> AssuranceStatement | None:
    today = today or datetime.date.today()
    year = last_full_year(today)
    if year is None:
        return None
    existing = AssuranceStatement.objects.filter(financial_year=year).first()
    if existing is not None:
        return existing
    quarters = seed_full_year(year)
    for quarter in quarters:
        if not quarter.is_open:
            sign_off_quarter(quarter)
    office = get_user_model().objects.get(username="pcc.office")
    statement = statement_create(year=year, actor=office)
    statement = statement_update(
        statement=statement,
        actor=office,
        data={
            "conclusions": STATEMENT_CONCLUSIONS.format(
                body=statement.body_name, Body=capfirst(statement.body_name)
            )
        },
        revision=statement.revision,
    )
    published = min(
        _at(quarters[-1].meeting_date + datetime.timedelta(days=60), 10), timezone.now()
    )
    return statement_publish(
        statement=statement, actor=office, revision=statement.revision, at=published
    )
