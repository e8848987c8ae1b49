"""Reads for the board report pages: the list, and a draft's details (its state, task list
included, is reports/selectors_draft.py)."""

from reports.models import BoardReport


def report_list(user):
    """The reports this user may read, newest first; the list needs neither the PDF's bytes
    nor the frozen annex."""
    return (
        BoardReport.objects.visible_to(user)
        .select_related("quarter", "pdf", "history_import__imported_by")
        .defer("pdf__content", "frozen_annex")
        .order_by("-meeting_date", "-version")
    )


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


def published_report_of(quarter):
    """The standing paper that reports this quarter (the latest meeting's), or None."""
    return (
        BoardReport.objects.currently_published()
        .filter(quarter=quarter)
        .select_related("quarter")
        .order_by("-meeting_date", "-version")
        .first()
    )
