"""Reading the audit trail: the rows a user may see, filtered."""

import datetime

from django.utils import timezone

from audit.models import AuditEvent


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def audit_events(user, filters: dict):
    """The audit rows `user` may read that match the filters of AuditFilterForm, newest first;
    one query whatever the number of rows shown (actor, threat and quarter joined)."""
    rows = AuditEvent.objects.visible_to(user).select_related("actor", "threat", "quarter")
    if filters.get("person"):
        rows = rows.filter(actor_id=filters["person"])
    if filters.get("action"):
        rows = rows.filter(action=filters["action"])
    if filters.get("threat"):
        rows = rows.filter(threat_id=filters["threat"])
    if filters.get("quarter"):
        rows = rows.filter(quarter_id=filters["quarter"])
    if filters.get("since"):
        rows = rows.filter(at__gte=_start_of(filters["since"]))
    if filters.get("until"):
        rows = rows.filter(at__lt=_start_of(filters["until"] + datetime.timedelta(days=1)))
    return rows.order_by("-at", "-pk")


CSV_COLUMNS = (
    "When (UTC)",
    "Who",
    "What",
    "Object",
    "National threat",
    "Quarter",
    "Change",
    "Reason",
    "Address",
)


def csv_rows(rows):
    """The audit rows as the CSV's cells (the page's export and the evidence pack's)."""
    for row in rows.iterator(chunk_size=500):
        yield [
            row.at.astimezone(datetime.UTC).strftime("%Y-%m-%d %H:%M:%S"),
            row.actor_name,
            row.get_action_display(),
            f"{row.object_type} {row.object_label}".strip(),
            row.threat.name if row.threat else "",
            row.quarter.label if row.quarter else "",
            row.summary,
            row.reason,
            row.ip_address or "",
        ]
