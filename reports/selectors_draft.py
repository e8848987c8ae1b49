"""A draft's state, read once: the quarter's threats with their assessments, the draft's
threat parts and the conclusion's figures, and from them the task list, the late sign-offs
and what blocks publishing.

The draft's page shows all four, the publish page and the late sign-offs page some of them,
and the services check them before they write: each asks this one reading, so "signed off
but the draft's part is empty" is decided in one place."""

import re
from dataclasses import dataclass
from functools import cached_property

from django.urls import reverse

from assessments.models.quarter import financial_year_label
from assessments.selectors.submission import summaries_unchanged
from reports.models import BoardReportThreatSection
from reports.paper.drafting import ThreatPart, threat_parts
from reports.paper.figures import FIGURES_MESSAGE, StaleFigures, stale_figures
from reports.paper.markup import normalise
from reports.paper.sections import SECTIONS, SUMMARY_CLOSING, TEXT_SECTIONS
from threats.naming import name_in

LATE_MESSAGE = "{name} was signed off after this draft: use its summary"

# A quarter named in a summary: "2026/27 Q2", "Q2 2026/27" (the year first or last), or
# "quarter 2" without a year.
_YEAR_QUARTER = re.compile(
    r"\b(?:(?P<y1>\d{4})/\d{2}\s*,?\s*Q(?P<n1>[1-4])"
    r"|Q(?P<n2>[1-4])\s*,?\s*(?P<y2>\d{4})/\d{2})\b",
    re.IGNORECASE,
)
_QUARTER_ONLY = re.compile(r"\bquarter\s+(?P<n>[1-4])\b", re.IGNORECASE)


def other_quarters_named(text: str, quarter) -> list[str]:
    """The quarters other than `quarter` that a summary names, as written there, in order:
    a sign that last quarter's text was carried into this quarter's paper."""
    named = []
    for match in _YEAR_QUARTER.finditer(text):
        year = int(match["y1"] or match["y2"])
        number = int(match["n1"] or match["n2"])
        if (year, number) != (quarter.financial_year, quarter.number):
            named.append(f"{financial_year_label(year)} Q{number}")
    for match in _QUARTER_ONLY.finditer(_YEAR_QUARTER.sub(" ", text)):
        if int(match["n"]) != quarter.number:
            named.append(match[0])
    return list(dict.fromkeys(named))


# A task's state; the template gives each its GOV.UK tag.
COMPLETED, EMPTY, NOT_SIGNED_OFF, NOT_WRITTEN = "completed", "empty", "not_signed_off", "unwritten"
CHECK = "check"  # written, but it names another quarter: perhaps last quarter's text
_STATUS_TEXT = {
    CHECK: "Check",
    COMPLETED: "Completed",
    EMPTY: "Empty",
    NOT_SIGNED_OFF: "Not signed off",
    NOT_WRITTEN: "Not written",
}


@dataclass(frozen=True)
class DraftTask:
    id: str
    label: str
    url: str
    state: str
    hint: str = ""

    @property
    def status(self) -> str:
        return _STATUS_TEXT[self.state]


@dataclass(frozen=True)
class LateSignOff:
    threat: object
    section: BoardReportThreatSection | None
    summary: str  # the signed-off summary that would come in
    unchanged_since: str = ""  # the earlier quarter it is still word for word the summary of


def _signed_off_but_empty(part: ThreatPart | None, section) -> bool:
    """Signed off after the draft was made: the draft has no text for it yet."""
    return part is not None and part.is_signed_off and (section is None or not section.body.strip())


class DraftState:
    """Each reading is made on first use and kept: a page pays only for what it shows."""

    def __init__(self, report):
        self.report = report

    @cached_property
    def parts(self) -> list[ThreatPart]:
        """Every national threat of the quarter's edition, with its assessment as it stands."""
        return threat_parts(self.report.quarter)

    @cached_property
    def sections(self) -> list[BoardReportThreatSection]:
        """The draft's threat parts, in the paper's order."""
        return list(self.report.threat_sections.select_related("threat"))

    @cached_property
    def stale_figures(self) -> StaleFigures | None:
        return stale_figures(self.report)

    @cached_property
    def _parts_by_threat(self) -> dict[int, ThreatPart]:
        return {part.threat.pk: part for part in self.parts}

    @cached_property
    def _sections_by_threat(self) -> dict[int, BoardReportThreatSection]:
        return {section.threat_id: section for section in self.sections}

    def part_of(self, threat_id: int) -> ThreatPart | None:
        return self._parts_by_threat.get(threat_id)

    @cached_property
    def unchanged(self) -> dict[int, str]:
        """The signed-off summaries still word for word an earlier quarter's: by threat id,
        that quarter's label (assessments/selectors/submission.py, the lead's own rule)."""
        signed = [part.assessment for part in self.parts if part.is_signed_off]
        return summaries_unchanged(signed, self.report.quarter)

    def unchanged_parts(self) -> list[tuple[object, str]]:
        """(threat, since which quarter) of each unchanged summary, in the paper's order."""
        return [
            (part.threat, self.unchanged[part.threat.pk])
            for part in self.parts
            if part.threat.pk in self.unchanged
        ]

    def quarters_named(self, section) -> list[str]:
        """The other quarters a threat's part of the draft names."""
        return other_quarters_named(section.body, self.report.quarter)

    @cached_property
    def late(self) -> list[LateSignOff]:
        """Signed-off threats whose part of this draft is missing or empty."""
        if not self.report.is_draft:
            return []
        late = []
        for part in self.parts:
            section = self._sections_by_threat.get(part.threat.pk)
            if _signed_off_but_empty(part, section):
                late.append(
                    LateSignOff(
                        part.threat,
                        section,
                        normalise(part.signed_summary),
                        self.unchanged.get(part.threat.pk, ""),
                    )
                )
        return late

    @cached_property
    def blockers(self) -> list[tuple[str, str]]:
        """Why the report cannot be published yet, as (anchor, message); empty when it can."""
        report, quarter = self.report, self.report.quarter
        blockers = []
        for part in self.parts:
            threat = part.threat
            if not part.is_signed_off:
                blockers.append(
                    (
                        f"threat-{threat.slug}",
                        f"The self-assessment of {name_in(threat, quarter)} for "
                        f"{quarter.label} is "
                        f"{part.status_label.lower()}, not signed off: it must be signed off "
                        "before the report is published",
                    )
                )
            elif _signed_off_but_empty(part, self._sections_by_threat.get(threat.pk)):
                # A signed summary can be taken in on the late sign-offs page; an empty one
                # has to be written.
                blockers.append(
                    (
                        "late-sign-offs",
                        LATE_MESSAGE.format(name=name_in(threat, quarter)),
                    )
                    if part.signed_summary.strip()
                    else (
                        f"threat-{threat.slug}",
                        f"The summary of {name_in(threat, quarter)} is empty: write it",
                    )
                )
        for threat_id, section in self._sections_by_threat.items():
            if threat_id not in self._parts_by_threat:
                blockers.append(
                    (
                        f"threat-{section.threat.slug}",
                        f"{section.threat_name} is not a national threat of the {quarter.edition}",
                    )
                )
        if self.stale_figures is not None:
            blockers.append(("figures", FIGURES_MESSAGE))
        for section in TEXT_SECTIONS:
            if not getattr(report, section.code).strip():
                blockers.append(
                    (f"section-{section.code}", f"“{section.heading}” is empty: write it")
                )
        return blockers

    @cached_property
    def tasks(self) -> list[DraftTask]:
        """The task list, in the paper's order: each section, whether it has text, and within
        the Summary each threat's part and whether its self-assessment is signed off."""
        report = self.report
        tasks = []
        for number, section in enumerate(SECTIONS, start=1):
            if not section.is_summary:
                tasks.append(
                    DraftTask(
                        id=section.code,
                        label=f"{number}. {section.heading}",
                        url=reverse("reports:report_edit_section", args=[report.pk, section.code]),
                        state=COMPLETED if getattr(report, section.code).strip() else EMPTY,
                    )
                )
                continue
            tasks.extend(self._threat_tasks(number, section.heading))
            tasks.append(
                DraftTask(
                    id=SUMMARY_CLOSING.code,
                    label=f"{number}. {section.heading}: closing text",
                    hint="Optional",
                    url=reverse("reports:report_edit_section", args=[report.pk, "summary_closing"]),
                    state=COMPLETED if report.summary_closing.strip() else NOT_WRITTEN,
                )
            )
        return tasks

    def _threat_tasks(self, number: int, heading: str) -> list[DraftTask]:
        tasks = []
        for threat_section in self.sections:
            part = self.part_of(threat_section.threat_id)
            signed = part is not None and part.is_signed_off
            named = self.quarters_named(threat_section)
            if not signed:
                state = NOT_SIGNED_OFF
            elif _signed_off_but_empty(part, threat_section):
                state = EMPTY
            else:
                state = CHECK if named else COMPLETED
            hints = []
            if part and not signed:
                hints.append(f"Self-assessment {part.status_label.lower()}")
            if named:
                hints.append(
                    f"Names {', '.join(named)}, not {self.report.quarter.label}: check it is "
                    "this quarter's text"
                )
            if threat_section.threat_id in self.unchanged:
                since = self.unchanged[threat_section.threat_id]
                hints.append(f"Signed-off summary unchanged since {since}")
            tasks.append(
                DraftTask(
                    id=f"threat-{threat_section.threat.slug}",
                    label=f"{number}. {heading}: {threat_section.threat_name}",
                    hint=". ".join(hints),
                    url=reverse(
                        "reports:report_edit_threat", args=[self.report.pk, threat_section.pk]
                    ),
                    state=state,
                )
            )
        return tasks


def draft_state(report) -> DraftState:
    return DraftState(report)
