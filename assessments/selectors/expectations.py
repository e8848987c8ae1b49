"""What the SPR edition expects and the lead's answers, as the pages show them: the lead's
checklist (the lines in force and their answers now), and the answers as every other page
reads them, from the snapshot's shape (assessments/snapshots.py `expectations_content`), so
that a signed-off self-assessment shows exactly what was signed, with the words it was
signed with, and a draft what is answered now."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q

from assessments.models import ContributionFigure, ExpectationAnswer
from assessments.models.expectations import Answer
from assessments.services.expectations import describe_figure
from assessments.snapshots import expectations_content, figures_content
from threats.expectations import Level, Period
from threats.models import ContributionMeasure, EditionExpectation

LEVEL_LABELS = dict(Level.choices)
ANSWER_LABELS = dict(Answer.choices)
# The GOV.UK tag colour of each answer (on the review and record pages).
ANSWER_TAGS = {
    Answer.IN_PLACE: "govuk-tag--green",
    Answer.PARTLY: "govuk-tag--yellow",
    Answer.NOT_IN_PLACE: "govuk-tag--red",
}


@dataclass(frozen=True)
class AnsweredLine:
    level: str
    wording: str
    citation: str
    answer: str
    evidence: str
    by: str
    at: datetime.datetime | None

    @property
    def level_label(self) -> str:
        return LEVEL_LABELS.get(self.level, self.level)

    @property
    def answer_label(self) -> str:
        return ANSWER_LABELS.get(self.answer, self.answer) or "Not answered"

    @property
    def tag(self) -> str:
        return ANSWER_TAGS.get(self.answer, "govuk-tag--grey")


def _line(raw: dict) -> AnsweredLine:
    try:
        at = datetime.datetime.fromisoformat(raw.get("at") or "")
    except ValueError:
        at = None
    return AnsweredLine(
        level=raw.get("level", ""),
        wording=raw.get("wording", ""),
        citation=raw.get("citation", ""),
        answer=raw.get("answer", ""),
        evidence=raw.get("evidence", ""),
        by=raw.get("by", ""),
        at=at,
    )


def expectations_in(content: dict) -> list[AnsweredLine]:
    """A snapshot's (or the live content's) answers, in the checklist's order."""
    return [_line(raw) for raw in content.get("expectations", [])]


def expectations_of(assessment) -> list[AnsweredLine]:
    """As signed, once signed off; else as answered now (one query)."""
    signed = assessment.signed_content
    if signed is None:
        signed = {"expectations": expectations_content(assessment)}
    return expectations_in(signed)


@dataclass
class ChecklistLine:
    """A line in force for the lead to answer, and its answer now (None: not answered)."""

    line: EditionExpectation
    answer: ExpectationAnswer | None

    @property
    def revision(self) -> int:
        return self.answer.revision if self.answer else 0


def checklist(assessment) -> list[ChecklistLine]:
    """The lines the assessment's lead answers, with their answers (two queries)."""
    lines = list(EditionExpectation.objects.for_assessment(assessment).in_checklist_order())
    answers = {a.expectation_id: a for a in ExpectationAnswer.objects.filter(assessment=assessment)}
    return [ChecklistLine(line, answers.get(line.pk)) for line in lines]


def checklist_progress(assessment) -> tuple[int, int]:
    """(answered, in force) of the assessment's lines, for the task list (one query)."""
    counts = EditionExpectation.objects.for_assessment(assessment).aggregate(
        total=Count("pk"),
        answered=Count("answers", filter=Q(answers__assessment=assessment)),
    )
    return counts["answered"], counts["total"]


# The force's contribution figures.
PERIOD_LABELS = dict(Period.choices)


@dataclass(frozen=True)
class RecordedFigure:
    measure: str
    unit: str
    period: str
    against: str
    value: str
    against_value: str | None
    by: str

    @property
    def period_label(self) -> str:
        return PERIOD_LABELS.get(self.period, self.period)


def figures_in(content: dict) -> list[RecordedFigure]:
    return [
        RecordedFigure(
            measure=raw.get("measure", ""),
            unit=raw.get("unit", ""),
            period=raw.get("period", ""),
            against=raw.get("against", ""),
            value=raw.get("value") or "",
            against_value=raw.get("against_value"),
            by=raw.get("by", ""),
        )
        for raw in content.get("figures", [])
    ]


def figures_of(assessment) -> list[RecordedFigure]:
    """As signed, once signed off; else as recorded now (one query)."""
    signed = assessment.signed_content
    if signed is None:
        signed = {"figures": figures_content(assessment)}
    return figures_in(signed)


@dataclass
class FigureLine:
    """A measure in force for the lead to record, and its figure now (None: not recorded)."""

    measure: ContributionMeasure
    figure: ContributionFigure | None

    @property
    def revision(self) -> int:
        return self.figure.revision if self.figure else 0


def figure_lines(assessment) -> list[FigureLine]:
    """The measures of the assessment's threat, with this quarter's figures (two queries)."""
    measures = list(ContributionMeasure.objects.for_assessment(assessment))
    figures = {f.measure_id: f for f in ContributionFigure.objects.filter(assessment=assessment)}
    return [FigureLine(m, figures.get(m.pk)) for m in measures]


@dataclass
class FigureTrend:
    """Each measure's signed-off figures, quarter by quarter (the threat's trend page)."""

    columns: list[tuple[str, str]] = field(default_factory=list)  # (measure name, unit)
    rows: list[dict] = field(default_factory=list)  # quarter, cells: "12 of 14" or ""


def figure_trend(signed_assessments) -> FigureTrend:
    """From the signed-off assessments shown on the trend (a queryset, in quarter order): one
    query, whatever the number of quarters. A figure signed off cannot change (only a draft or
    a returned one is written to), so the rows are what was signed."""
    figures = (
        ContributionFigure.objects.filter(assessment__in=signed_assessments.values("pk"))
        .select_related("measure", "assessment__quarter")
        .order_by(
            "assessment__quarter__financial_year",
            "assessment__quarter__number",
            "measure__position",
            "measure_id",
        )
    )
    trend, by_quarter, columns = FigureTrend(), {}, {}
    for figure in figures:
        key = (figure.measure.name, figure.measure.unit)
        columns.setdefault(key, len(columns))
        by_quarter.setdefault(figure.assessment.quarter.label, {})[key] = describe_figure(
            figure.value, figure.against_value
        )
    trend.columns = list(columns)
    trend.rows = [
        {"quarter": label, "cells": [cells.get(key, "") for key in trend.columns]}
        for label, cells in by_quarter.items()
    ]
    return trend
