"""Canonical snapshots of an assessment and their SHA-256 fingerprints (sign-off as evidence).

The snapshot is plain JSON with sorted keys and no whitespace, so the same content always
gives the same bytes and so the same fingerprint, on any database.
"""

import hashlib
import json
from decimal import Decimal

from assessments.items import GRADED_ITEMS
from assessments.models import (
    Contribution,
    ContributionFigure,
    ExpectationAnswer,
    ImprovementAction,
)
from threats.expectations import EditionExpectation, Level


def signed_content(assessment) -> dict:
    """The assessment's own fields as a snapshot holds them: what a signed-off row must go on
    saying exactly (reports.integrity compares the two)."""
    return {
        "items": {
            item.code: {
                "grade": assessment.grade_of(item),
                "narrative": assessment.narrative_of(item),
            }
            for item in GRADED_ITEMS
        },
        "evidence_sources": sorted(assessment.evidence_sources),
        "capability_framework": assessment.capability_framework,
        "four_ps": sorted(assessment.four_ps),
        "four_ps_narrative": assessment.four_ps_narrative,
        "risks": assessment.risks,
        "summary": assessment.summary,
    }


def evidence_content(assessment) -> list[dict]:
    """The evidence files of the current version: a file removed from a reopened draft is
    kept (the versions that named it still do) but is no longer part of the next one."""
    files = assessment.evidence_files.current().order_by("section", "name", "sha256")
    return [{"section": f.section, "name": f.name, "sha256": f.sha256} for f in files]


def contribution_entry(contribution) -> dict:
    """One contribution as a snapshot holds it: the section, the text, and who wrote it for
    which department when (the attribution is part of what is signed)."""
    return {
        "section": contribution.section,
        "department": contribution.department.name,
        "by": contribution.written_by_name,
        "at": contribution.written_at.isoformat(),
        "text": contribution.text,
    }


def contributions_content(assessment) -> list[dict]:
    written = Contribution.objects.filter(assessment=assessment).in_form_order()
    return [contribution_entry(c) for c in written]


def expectation_entry(answer) -> dict:
    """One answer as a snapshot holds it, with the line's words and source as they stand at
    signing: a line changed or retired later leaves what was signed as it was."""
    line = answer.expectation
    return {
        "level": line.level,
        "wording": line.wording,
        "citation": line.citation,
        "answer": answer.answer,
        "evidence": answer.evidence,
        "by": answer.written_by_name,
        "at": answer.written_at.isoformat(),
    }


def unanswered_entry(line) -> dict:
    """A line in force the lead left unanswered: signed as such, so that the SPR lead signs
    what they saw (a gap in the checklist, not a shorter checklist)."""
    return {
        "level": line.level,
        "wording": line.wording,
        "citation": line.citation,
        "answer": "",
        "evidence": "",
        "by": "",
        "at": "",
    }


def expectations_content(assessment) -> list[dict]:
    """Every line in force for the assessment, answered or not, and any answer to a line
    retired since, in the checklist's order (level, then the line's place; two queries).
    Nothing when the threat has no line: fingerprints signed before there were any stand."""
    levels = {code: i for i, code in enumerate(Level.values)}
    answered = ExpectationAnswer.objects.filter(assessment=assessment).select_related("expectation")
    answers = {a.expectation_id: a for a in answered}
    lines = {line.pk: line for line in EditionExpectation.objects.for_assessment(assessment)}
    lines |= {pk: answer.expectation for pk, answer in answers.items()}
    ordered = sorted(
        lines.values(), key=lambda line: (levels.get(line.level, 9), line.position, line.pk)
    )
    return [
        expectation_entry(answers[line.pk]) if line.pk in answers else unanswered_entry(line)
        for line in ordered
    ]


def plain_number(number) -> str | None:
    """A figure as text (12, 12.5): JSON has no decimals, and the same number must always
    give the same bytes."""
    if number is None:
        return None
    text = f"{Decimal(number):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def figure_entry(figure) -> dict:
    """One contribution figure with its measure's name, unit, period and what it is set
    against, as they stand at signing."""
    measure = figure.measure
    return {
        "measure": measure.name,
        "unit": measure.unit,
        "period": measure.period,
        "against": measure.against,
        "value": plain_number(figure.value),
        "against_value": plain_number(figure.against_value),
        "by": figure.written_by_name,
        "at": figure.written_at.isoformat(),
    }


def figures_content(assessment) -> list[dict]:
    figures = (
        ContributionFigure.objects.filter(assessment=assessment)
        .select_related("measure")
        .order_by("measure__position", "measure_id")
    )
    return [figure_entry(f) for f in figures]


def build_snapshot(assessment) -> dict:
    actions = ImprovementAction.objects.for_assessment(assessment).order_by("pk")
    snapshot = {
        "threat": assessment.threat_name,
        "quarter": assessment.quarter.label,
        **signed_content(assessment),
        "actions": [
            {
                "id": action.pk,
                "description": action.description,
                "owner": action.owner,
                "due_date": action.due_date.isoformat(),
                "status": action.status,
                "closed_on": action.closed_on.isoformat() if action.closed_on else None,
            }
            for action in actions
        ],
    }
    # Only when there are files, so that the fingerprints of everything signed before
    # evidence files existed (or signed without any) stay exactly as they were.
    files = evidence_content(assessment)
    if files:
        snapshot["evidence_files"] = files
    # Likewise the contributions of other departments: only when there are any.
    contributions = contributions_content(assessment)
    if contributions:
        snapshot["contributions"] = contributions
    # And the answers to what the SPR edition expects: only when any was given.
    expectations = expectations_content(assessment)
    if expectations:
        snapshot["expectations"] = expectations
    # And the quarter's contribution figures: only when any was recorded.
    figures = figures_content(assessment)
    if figures:
        snapshot["figures"] = figures
    return snapshot


def canonical_bytes(snapshot: dict) -> bytes:
    return json.dumps(snapshot, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def fingerprint(snapshot: dict) -> str:
    return hashlib.sha256(canonical_bytes(snapshot)).hexdigest()
