"""What contributing departments wrote into a self-assessment, as every page shows it: the
owner's section and Check your answers, the review, the sign-off confirmation and the record.

Read from the snapshot's shape (assessments/snapshots.py `contributions_content`), so that a
signed-off self-assessment shows exactly what was signed and a draft what is written now.
"""

import datetime
from dataclasses import dataclass, field

from django.urls import reverse

from assessments.models import Assessment, Contribution
from assessments.models.contributions import CONTRIBUTION_SECTIONS
from assessments.snapshots import contributions_content

SECTION_LABELS = dict(CONTRIBUTION_SECTIONS)


@dataclass(frozen=True)
class ContributionEntry:
    section: str
    department: str
    by: str
    at: datetime.datetime | None
    text: str


@dataclass
class SectionContributions:
    code: str
    label: str
    entries: list[ContributionEntry] = field(default_factory=list)


def _entry(raw: dict) -> ContributionEntry:
    try:
        at = datetime.datetime.fromisoformat(raw.get("at") or "")
    except ValueError:
        at = None
    return ContributionEntry(
        section=raw.get("section", ""),
        department=raw.get("department", ""),
        by=raw.get("by", ""),
        at=at,
        text=raw.get("text", ""),
    )


def contributions_in(content: dict) -> list[SectionContributions]:
    """A snapshot's (or the live content's) contributions, section by section in the form's
    order; only the sections that have any."""
    by_section: dict[str, SectionContributions] = {}
    for raw in content.get("contributions", []):
        entry = _entry(raw)
        if entry.section not in by_section:
            label = SECTION_LABELS.get(entry.section, entry.section)
            by_section[entry.section] = SectionContributions(entry.section, label)
        by_section[entry.section].entries.append(entry)
    order = {code: i for i, (code, _) in enumerate(CONTRIBUTION_SECTIONS)}
    return sorted(by_section.values(), key=lambda s: order.get(s.code, len(order)))


def contributions_of(assessment) -> list[SectionContributions]:
    """As signed, once signed off; else as written now (one query)."""
    signed = assessment.signed_content
    if signed is None:
        signed = {"contributions": contributions_content(assessment)}
    return contributions_in(signed)


def contributions_to_section(assessment, code: str) -> list[ContributionEntry]:
    """The texts written into one section (the owning lead's section page)."""
    for section in contributions_of(assessment):
        if section.code == code:
            return section.entries
    return []


@dataclass
class YourSection:
    code: str
    label: str
    written: Contribution | None
    url: str


@dataclass
class YourContributions:
    """A contributing department's view of the sections: what it wrote in each (the record's
    "Your department's contributions", for its business leads)."""

    department: object
    sections: list[YourSection]


def contributions_by(assessment, departments: list) -> list[YourContributions]:
    """For each of `departments`, every section and its text in it, if any (one query)."""
    written = {
        (c.department_id, c.section): c
        for c in Contribution.objects.filter(assessment=assessment, department__in=departments)
    }
    several = len(departments) > 1
    groups = []
    for department in departments:
        sections = []
        for code, label in CONTRIBUTION_SECTIONS:
            url = reverse(
                "assessments:contribution_edit", args=[assessment.pk, code.replace("_", "-")]
            )
            sections.append(
                YourSection(
                    code,
                    label,
                    written.get((department.pk, code)),
                    f"{url}?department={department.pk}" if several else url,
                )
            )
        groups.append(YourContributions(department, sections))
    return groups


def contributed_to(user) -> list[Assessment]:
    """The open quarters' self-assessments the user's departments contribute to (My
    assessments), through visible_to."""
    return list(
        Assessment.objects.visible_to(user)
        .contributed_to_by(user)
        .filter(quarter__is_open=True)
        .select_related("quarter", "threat__owning_department")
        .grades_only()
        .with_threat_name()
        .order_by("quarter__financial_year", "quarter__number", "threat__display_order")
    )
