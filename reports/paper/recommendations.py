"""The open inspection recommendations a board paper lists under each threat's part: worked
out afresh for a draft, frozen with the annex when the paper is published (so a recommendation
closed later never changes a published paper). A paper whose threats have none lists nothing
and is laid out exactly as before."""

from django.utils import timezone

from assessments.selectors.recommendations import open_for_threats
from spr_portal.wording import day

FROZEN_KEY = "recommendations"


def listed_for(report) -> dict[str, list[dict]]:
    """{threat id (as text, as JSON keeps it): [{reference, report, text, due}]}, only for
    threats with any."""
    threat_ids = list(report.threat_sections.values_list("threat_id", flat=True))
    today = timezone.localdate()
    listed = {}
    for threat_id, recommendations in open_for_threats(threat_ids).items():
        rows = [
            {
                "title": f"{r.source_report}{': ' + r.reference if r.reference else ''}",
                "source": f"{r.source_body}, {day(r.published_on)}",
                "text": r.text,
                "due": f"due {day(r.due_on)}" if r.due_on else "",
            }
            for r in recommendations
            if r.published_on <= today
        ]
        if rows:
            listed[str(threat_id)] = rows
    return listed


def report_recommendations(report) -> dict[str, list[dict]]:
    if not report.is_draft:
        return (report.frozen_annex or {}).get(FROZEN_KEY, {})
    return listed_for(report)
