"""The paper's counts of grades and movements, computed from the signed-off assessments.

A draft's conclusion carries them as one sentence. When an assessment is signed off,
reopened or re-graded after the draft was made, that sentence no longer matches the
assessments: `stale_figures` says so, and the SPR lead updates it in one click after seeing
the change. Published papers are never touched (they are frozen with their PDF)."""

import re
from dataclasses import dataclass

from reports.paper.annex import grade_counts
from spr_portal.wording import agreeing, counted

# Either number of each noun and verb: drafts written before the sentence agreed in number
# are still found and updated.
COUNTS_SENTENCE = re.compile(
    r"Of the \d+ graded items? of the \d+ signed-off self-assessments? for \S+ Q\d, \d+ "
    r"(?:is|are) graded Good or Outstanding and \d+ Requires improvement or Inadequate "
    r"\(Annex A\)\.(?: Since \S+ Q\d, \d+ grades? (?:has|have) risen and \d+ (?:has|have) "
    r"fallen\.)?"
)


def counts_sentence(quarter, base) -> str:
    """The sentence as the assessments stand now; "" when nothing is graded."""
    counts = grade_counts(quarter, base)
    if not counts["graded"]:
        return ""
    good, up, down = counts["good_or_better"], counts["up"], counts["down"]
    return (
        f"Of the {counted(counts['graded'], 'graded item')} of the "
        f"{counted(counts['assessed'], 'signed-off self-assessment')} for {quarter.label}, "
        f"{good} {agreeing(good, 'is', 'are')} graded Good or Outstanding and "
        f"{counts['below_adequate']} Requires improvement or Inadequate (Annex A)."
        + (
            f" Since {base.label}, {counted(up, 'grade')} {agreeing(up, 'has', 'have')} risen "
            f"and {down} {agreeing(down, 'has', 'have')} fallen."
            if base is not None
            else ""
        )
    )


FIGURES_MESSAGE = (
    "The conclusion's counts of grades are out of date: update them from the assessments"
)


@dataclass(frozen=True)
class StaleFigures:
    old: str
    new: str


def _base(report):
    return report.previous_report.quarter if report.previous_report_id else None


def stale_figures(report) -> StaleFigures | None:
    """The draft's counts sentence and what it should say now, if they differ."""
    if not report.is_draft:
        return None
    found = COUNTS_SENTENCE.search(report.conclusion)
    if found is None:
        return None  # the SPR lead wrote the conclusion without the generated figures
    new = counts_sentence(report.quarter, _base(report))
    if found.group(0) == new or not new:
        return None
    return StaleFigures(found.group(0), new)


def with_current_figures(report, text: str) -> str:
    """`text` with its counts sentence replaced by the current one (for a correction)."""
    new = counts_sentence(report.quarter, _base(report))
    if not new:
        return text
    return COUNTS_SENTENCE.sub(lambda _: new, text, count=1)
