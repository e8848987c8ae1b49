"""What the annual SPR assurance statement is built from (reads only): whether a financial year
has its four quarters signed off, and, when it has, the draft's contents: per threat the
grades through the year and their movement (the trend selector's rows, the threat's lineage
included, named as each quarter's edition words it), the main risks and open actions, the
force's contribution, and the policing body's conclusions from the regard record."""

import re
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.text import capfirst

from assessments.choices import ActionStatus, Grade
from assessments.items import GRADED_ITEMS
from assessments.models import Assessment, ImprovementAction, Quarter
from assessments.models.quarter import financial_year_label
from assessments.selectors.trends import threat_trend
from reports.assurance_models import RegardEntry, RegardKind
from threats.models import lineage_ids
from threats.naming import names_under

# "At local level: " as the demo and many leads start each level's text.
LEVEL_PREFIX = re.compile(r"^At (local|regional|national) level:\s*", re.IGNORECASE)
CONTRIBUTION_ITEMS = [item for item in GRADED_ITEMS if item.code.startswith("contribution")]


@dataclass
class YearReadiness:
    year: int
    quarters: list[Quarter] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return financial_year_label(self.year)

    @property
    def ready(self) -> bool:
        return not self.problems


def year_readiness(year: int) -> YearReadiness:
    """The year's four quarters, and why a statement cannot be drafted from them (a quarter
    not set up, or one whose threats are not all signed off), in two queries plus one per
    edition."""
    readiness = YearReadiness(year)
    quarters = {
        q.number: q for q in Quarter.objects.filter(financial_year=year).select_related("edition")
    }
    signed = dict(
        Assessment.objects.signed_off()
        .filter(quarter__in=[q.pk for q in quarters.values()])
        .values("quarter")
        .annotate(count=Count("pk"))
        .values_list("quarter", "count")
    )
    sizes: dict[int, int] = {}
    for number in range(1, 5):
        quarter = quarters.get(number)
        label = f"{financial_year_label(year)} Q{number}"
        if quarter is None:
            readiness.problems.append(f"{label} has not been set up in the portal")
            continue
        readiness.quarters.append(quarter)
        if quarter.edition_id not in sizes:
            sizes[quarter.edition_id] = quarter.edition.threats().count()
        done, needed = signed.get(quarter.pk, 0), sizes[quarter.edition_id]
        if done < needed:
            readiness.problems.append(
                f"{label} has {done} of its {needed} self-assessments signed off"
            )
    return readiness


def years_offered() -> list[int]:
    """Every financial year with a quarter set up, newest first."""
    return sorted(set(Quarter.objects.values_list("financial_year", flat=True)), reverse=True)


def _movement(first, last) -> str:
    if first is None or last is None:
        return "Not graded in every quarter"
    change = round(last - first, 2)
    if change > 0:
        return f"Improved by {change:.2f}"
    if change < 0:
        return f"Declined by {-change:.2f}"
    return "No change"


def year_grades(user, readiness: YearReadiness) -> dict:
    """Per threat of the year's last quarter: its name in each quarter, its average grade in
    each (1 to 5, over the nine graded items) and the movement from the first to the last."""
    quarters = readiness.quarters
    labels = [q.label for q in quarters]
    last = quarters[-1]
    names_by_quarter = {q.label: names_under(q.edition) for q in quarters}
    rows = []
    for threat in last.edition.threats():
        trend = threat_trend(user, threat)
        by_label = {row["quarter"]: row["average"] for row in trend.rows}
        averages = [by_label.get(label) for label in labels]
        names = [names_by_quarter[label].get(threat.pk, threat.name) for label in labels]
        rows.append(
            {
                "threat": threat.pk,
                "name": names[-1],
                "earlier_names": sorted({n for n in names[:-1] if n != names[-1]}),
                "averages": averages,
                "movement": _movement(averages[0], averages[-1]),
            }
        )
    return {"quarters": labels, "rows": rows}


def _bullets(lines) -> str:
    return "\n".join(f"- {line}" for line in lines)


def draft_contents(user, readiness: YearReadiness, *, force, body_name: str) -> dict:
    """The pre-filled text of each part of the statement and its grades table."""
    quarters = readiness.quarters
    last = quarters[-1]
    grades = year_grades(user, readiness)
    names = {row["threat"]: row["name"] for row in grades["rows"]}
    final = {
        a.threat_id: a
        for a in Assessment.objects.signed_off().filter(quarter=last, threat__in=list(names))
    }
    risks = [
        f"{names[threat_id]}: {final[threat_id].risks.strip()}"
        for threat_id in names
        if threat_id in final and final[threat_id].risks.strip()
    ]
    open_actions = []
    for threat_id, name in names.items():
        actions = ImprovementAction.objects.filter(threat__in=lineage_ids(threat_id)).exclude(
            status=ActionStatus.CLOSED
        )
        for action in actions.order_by("due_date", "pk"):
            open_actions.append(
                f"{name}: {action.description} (owner {action.owner}, due "
                f"{action.due_date:%-d %B %Y}, {action.get_status_display().lower()})"
            )
    contribution = []
    for threat_id, name in names.items():
        assessment = final.get(threat_id)
        if assessment is None:
            continue
        graded = [
            f"{item.level.lower()} {Grade(assessment.grade_of(item)).label.lower()}"
            for item in CONTRIBUTION_ITEMS
            if assessment.grade_of(item)
        ]
        said = []
        for item in CONTRIBUTION_ITEMS:
            text = (getattr(assessment, item.narrative_field, "") or "").strip()
            text = LEVEL_PREFIX.sub("", text)
            if text and text not in said:
                said.append(text)
        if graded or said:
            line = f"{name}" + (f" ({', '.join(graded)})" if graded else "")
            contribution.append(f"{line}: {' '.join(said)}" if said else line)
    conclusions = [
        f"{entry.report.quarter.label} paper ({entry.at:%-d %B %Y}): "
        f"{entry.get_conclusion_display()}" + (f". {entry.text}" if entry.text else "")
        for entry in RegardEntry.objects.filter(
            kind=RegardKind.CONCLUSION, report__quarter__in=[q.pk for q in quarters]
        )
        .select_related("report__quarter")
        .order_by("at", "pk")
    ]
    year = readiness.label
    introduction = (
        f"This statement sets out how {body_name} has had regard to the Strategic Policing "
        f"Requirement in {year}, and the assurance it takes from the self-assessments of "
        f"{force.force_name}, signed off in each of the year's four quarters "
        f"({', '.join(q.label for q in quarters)})."
    )
    return {
        "introduction": introduction,
        "grades_commentary": (
            "The table gives each threat's average grade over the nine graded items in each "
            "quarter (1 Inadequate to 5 Outstanding) and its movement across the year."
        ),
        "risks": _bullets(risks) or "No risks were recorded.",
        "actions": _bullets(open_actions) or "No improvement actions remain open.",
        "contribution": _bullets(contribution) or "No contribution was recorded.",
        "conclusions": _bullets(conclusions)
        or f"{capfirst(body_name)} recorded no conclusion on the year's board reports.",
        "grades": grades,
    }
