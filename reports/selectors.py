"""Reads for the board report pages: the list, and a draft's task list and details."""

from dataclasses import dataclass

from django.urls import reverse

from reports.drafting import threat_parts
from reports.models import BoardReport
from reports.sections import SECTIONS, SUMMARY_CLOSING

# A task's state; the template gives each its GOV.UK tag.
COMPLETED, EMPTY, NOT_SIGNED_OFF, NOT_WRITTEN = "completed", "empty", "not_signed_off", "unwritten"
_STATUS_TEXT = {
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


def report_list(user):
    """The reports this user may read, newest first; the list needs neither the PDF's bytes
    nor the frozen annex."""
    return (
        BoardReport.objects.visible_to(user)
        .select_related("quarter", "pdf")
        .defer("pdf__content", "frozen_annex")
        .order_by("-meeting_date", "-version")
    )


def draft_tasks(report) -> list[DraftTask]:
    """The task list of a draft, in the paper's order: each section, whether it has text, and
    within the Summary each threat's part and whether its self-assessment is signed off."""
    parts = {part.threat.pk: part for part in threat_parts(report.quarter)}
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
        for threat_section in report.threat_sections.select_related("threat"):
            part = parts.get(threat_section.threat_id)
            signed = part is not None and part.is_signed_off
            if not signed:
                state = NOT_SIGNED_OFF
            else:
                state = COMPLETED if threat_section.body.strip() else EMPTY
            tasks.append(
                DraftTask(
                    id=f"threat-{threat_section.threat.slug}",
                    label=f"{number}. {section.heading}: {threat_section.threat_name}",
                    hint=(
                        f"Self-assessment {part.status_label.lower()}"
                        if part and not signed
                        else ""
                    ),
                    url=reverse("reports:report_edit_threat", args=[report.pk, threat_section.pk]),
                    state=state,
                )
            )
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


def draft_details(report) -> list[tuple[str, str, bool]]:
    """(label, value, changeable on the details page) for the draft's summary list."""
    previous = report.previous_report
    return [
        ("Agenda item", report.agenda_item, True),
        ("Date of the board meeting", f"{report.meeting_date:%-d %B %Y}", True),
        ("Board", report.board_name, True),
        ("Title", report.title, True),
        ("Protective marking", report.get_marking_display(), True),
        ("Quarter reported", report.quarter.label, False),
        (
            "Updates the report of",
            f"{previous.meeting_date:%-d %B %Y}" if previous else "None",
            False,
        ),
    ]
