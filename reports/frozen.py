"""What publishing freezes in a board report's own row and its threats' parts, recorded beside
them at publishing (`BoardReport.published_record`) so that `verify_integrity` can name any
field changed since. On PostgreSQL a trigger refuses the change itself
(reports/migrations/0007_published_reports_frozen.py); the record is what catches it where
there are no triggers.

Plain values in, plain JSON out: the migration that records the reports published before the
record existed calls the same functions on its historical rows.
"""

import datetime
import hashlib
import json

# The report's own frozen columns (attribute names), with the words a problem names them by.
FROZEN_FIELDS: dict[str, str] = {
    "quarter_id": "Quarter",
    "previous_report_id": "Report it updates",
    "supersedes_id": "Version it corrects",
    "version": "Version",
    "agenda_item": "Agenda item",
    "board_name": "Board",
    "meeting_date": "Meeting date",
    "title": "Title",
    "marking": "Protective marking",
    "force_name": "Force",
    "report_of": "Report of",
    "contact_officer": "Contact officer",
    "paper_status": "Status line",
    "purpose": "Purpose of report",
    "introduction": "Introduction",
    "management_processes": "Management processes",
    "conclusion": "Conclusion",
    "financial_implications": "Financial implications",
    "legal_implications": "Legal implications",
    "recommendations": "Recommendations",
    "summary_closing": "Closing text of the summary",
    "correction_note": "Correction note",
    "include_trend_annex": "Trend annex",
    "published_at": "Published at",
    "published_by_id": "Published by",
}
FROZEN_LABELS = {**FROZEN_FIELDS, "frozen_annex": "Annex", "sections": "Threats' parts"}


def _plain(value):
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _digest(value) -> str:
    # Through JSON once first, so that the annex as built in memory (tuples, integer keys)
    # and the annex as read back from the database give the same bytes.
    plain = json.loads(json.dumps(value))
    canonical = json.dumps(plain, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def published_record(report, sections) -> dict:
    """The SHA-256 of each frozen field of a published report, of its annex and of its
    threats' parts: enough to name what changed, small enough to read with every report."""
    record = {name: _digest(_plain(getattr(report, name))) for name in FROZEN_FIELDS}
    record["frozen_annex"] = _digest(report.frozen_annex)
    record["sections"] = _digest(
        sorted(
            (
                {
                    "threat": section.threat_id,
                    "order": section.display_order,
                    "body": section.body,
                    "name": section.published_name,
                }
                for section in sections
            ),
            key=lambda part: part["threat"],
        )
    )
    return record


def changed_fields(recorded: dict, now: dict) -> list[str]:
    """The words of each frozen field that differs, in the order above."""
    return [label for name, label in FROZEN_LABELS.items() if recorded.get(name) != now.get(name)]


# What publishing freezes in an annual assurance statement's row.
STATEMENT_FIELDS: dict[str, str] = {
    "financial_year": "Financial year",
    "title": "Title",
    "marking": "Protective marking",
    "force_name": "Force",
    "body_name": "Policing body",
    "introduction": "Introduction",
    "grades_commentary": "Commentary on the grades",
    "risks": "Main risks",
    "actions": "Open actions",
    "contribution": "The force's contribution",
    "conclusions": "The policing body's conclusions",
    "grades": "Grades through the year",
    "published_at": "Published at",
    "published_by_id": "Published by",
}


def statement_record(statement) -> dict:
    """The SHA-256 of each frozen field of a published statement."""
    return {name: _digest(_plain(getattr(statement, name))) for name in STATEMENT_FIELDS}


def statement_changes(recorded: dict, now: dict) -> list[str]:
    return [
        label for name, label in STATEMENT_FIELDS.items() if recorded.get(name) != now.get(name)
    ]
