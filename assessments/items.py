"""The nine graded items of the 5 Cs and the sections of the self-assessment form.

Each item is stored as two columns on Assessment: `<code>_grade` and `<code>_narrative`.
"""

from dataclasses import dataclass

NARRATIVE_MAX_LENGTH = 2000
LONG_TEXT_MAX_LENGTH = 4000


@dataclass(frozen=True)
class GradedItem:
    code: str
    c: str  # which of the 5 Cs
    level: str  # "Local", "Regional", "National" or "" for the single-level Cs
    hint: str

    @property
    def label(self) -> str:
        return f"{self.c} – {self.level.lower()}" if self.level else self.c

    @property
    def grade_field(self) -> str:
        return f"{self.code}_grade"

    @property
    def narrative_field(self) -> str:
        return f"{self.code}_narrative"


_CAPACITY = "Enough people and assets for this threat at this level."
_CONTRIBUTION = (
    "What the force gives to the regional and national response at this level "
    "(mutual aid, national requests)."
)

GRADED_ITEMS: tuple[GradedItem, ...] = (
    GradedItem("capacity_local", "Capacity", "Local", _CAPACITY),
    GradedItem("capacity_regional", "Capacity", "Regional", _CAPACITY),
    GradedItem("capacity_national", "Capacity", "National", _CAPACITY),
    GradedItem("contribution_local", "Contribution", "Local", _CONTRIBUTION),
    GradedItem("contribution_regional", "Contribution", "Regional", _CONTRIBUTION),
    GradedItem("contribution_national", "Contribution", "National", _CONTRIBUTION),
    GradedItem("capability", "Capability", "", "The skills, training and equipment to do it."),
    GradedItem(
        "consistency",
        "Consistency",
        "",
        "Working to the same national standards, doctrine and specifications as other forces "
        "so that responses fit together.",
    ),
    GradedItem(
        "connectivity",
        "Connectivity",
        "",
        "The links across force boundaries, through national arrangements and into partners "
        "(intelligence, communications, joint tasking).",
    ),
)
ITEMS_BY_CODE = {item.code: item for item in GRADED_ITEMS}

# The sections of the form (the GOV.UK task list), in order. The nine items come first.
OTHER_SECTIONS: tuple[tuple[str, str], ...] = (
    ("evidence", "Evidence and capability framework"),
    ("four_ps", "Alignment with the 4 Ps"),
    ("risks", "Risks"),
    ("actions", "Improvement actions"),
    ("summary", "Summary for the board report"),
)
SECTIONS: tuple[tuple[str, str], ...] = (
    tuple((item.code, item.label) for item in GRADED_ITEMS) + OTHER_SECTIONS
)
SECTION_LABELS = dict(SECTIONS)


# Which section of the form each editable field belongs to (for the history's "saved …").
_OTHER_FIELD_SECTIONS = {
    "evidence_sources": "evidence",
    "capability_framework": "evidence",
    "four_ps": "four_ps",
    "four_ps_narrative": "four_ps",
    "risks": "risks",
    "summary": "summary",
}
FIELD_SECTIONS = {
    **{item.grade_field: item.code for item in GRADED_ITEMS},
    **{item.narrative_field: item.code for item in GRADED_ITEMS},
    **_OTHER_FIELD_SECTIONS,
}


def sections_of(fields) -> list[str]:
    """The sections these fields belong to, in the form's order."""
    wanted = {FIELD_SECTIONS[field] for field in fields if field in FIELD_SECTIONS}
    return [code for code, _ in SECTIONS if code in wanted]


# The two-row heading of a table of the nine items (the quarter board's heatmap, a threat's
# trend): the Cs with levels span three columns each, the others two rows.
GRADED_GROUPS: list[dict] = []
for _item in GRADED_ITEMS:
    if GRADED_GROUPS and GRADED_GROUPS[-1]["c"] == _item.c and _item.level:
        GRADED_GROUPS[-1]["items"].append(_item)
    else:
        GRADED_GROUPS.append({"c": _item.c, "items": [_item], "levelled": bool(_item.level)})
