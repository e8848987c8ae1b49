"""The numbered sections of a board report, in the order of the reference paper."""

from dataclasses import dataclass

SUMMARY = "summary"  # the Summary of self-assessments: one part per threat, not one field


@dataclass(frozen=True)
class Section:
    code: str  # the BoardReport field holding its text, or SUMMARY
    heading: str
    hint: str
    required: bool = True

    @property
    def is_summary(self) -> bool:
        return self.code == SUMMARY


SECTIONS: tuple[Section, ...] = (
    Section("purpose", "Purpose of report", "Why the board receives this report."),
    Section(
        "introduction",
        "Introduction",
        "The national threats of the SPR edition in force and the departments that own them.",
    ),
    Section(
        "management_processes",
        "Management processes",
        "How the force holds its departments to account for the SPR.",
    ),
    Section(
        SUMMARY,
        "Summary of self-assessments",
        "One part per national threat, from its signed-off self-assessment.",
    ),
    Section("conclusion", "Conclusion", "What the board should take from the assessments."),
    Section(
        "financial_implications",
        "Financial implications",
        "What the report means for the budget and the Police and Crime Plan.",
    ),
    Section("legal_implications", "Legal implications", "Write “None” if there are none."),
    Section("recommendations", "Recommendations", "What the board is asked to do."),
)
TEXT_SECTIONS = tuple(section for section in SECTIONS if not section.is_summary)
SECTIONS_BY_CODE = {section.code: section for section in SECTIONS}

# The part of the Summary that follows the threats (optional), e.g. cross-cutting departments.
SUMMARY_CLOSING = Section(
    "summary_closing",
    "Summary of self-assessments: closing text",
    "Optional: what follows the threats' parts, such as departments brought in on "
    "cross-cutting themes.",
    required=False,
)
EDITABLE_TEXT_FIELDS = frozenset(
    [section.code for section in TEXT_SECTIONS] + [SUMMARY_CLOSING.code]
)
DETAIL_FIELDS = frozenset(["agenda_item", "board_name", "meeting_date", "title", "marking"])
ANNEX_HEADING = "Annex A: Self-assessment grades"
