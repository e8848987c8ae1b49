"""Quarters: the SPR lead creates them, sets their deadline and meeting date, opens and closes
them. Each change is on the audit trail, written in the same transaction."""

from django.core.exceptions import ValidationError
from django.db import transaction

from assessments.models import Quarter
from assessments.notifications import notify_quarter_opened
from audit.models import AuditAction, AuditEvent
from audit.services import audit_record, model_update
from spr_portal.access import Can, require
from spr_portal.wording import day as _day

# The dates the SPR lead may move, as the audit row names them ("Changed deadline … → …").
DATE_FIELDS = {"submission_deadline": "deadline", "meeting_date": "meeting"}


def check_not_imported(quarter) -> None:
    """A quarter brought in with the force's history keeps the dates and state the force
    held: its self-assessments are corrected by reopening them (assessment_reopen), never by
    changing or opening the quarter."""
    if quarter.history_import_id:
        raise ValidationError(
            f"{quarter.label} was imported with the force's history: its dates cannot be "
            "changed and it cannot be opened. To correct a self-assessment of it, reopen that "
            "self-assessment."
        )


def _log(actor, quarter, action, message) -> None:
    audit_record(actor=actor, action=action, obj=quarter, quarter=quarter, summary=message)


@transaction.atomic
def quarter_create(
    *, actor, financial_year: int, number: int, edition, submission_deadline, meeting_date
) -> Quarter:
    """A new quarter, closed until the SPR lead opens it."""
    require(actor, Can.MANAGE_QUARTERS)
    Quarter.check_dates(submission_deadline, meeting_date)
    quarter = Quarter(
        financial_year=financial_year,
        number=number,
        edition=edition,
        submission_deadline=submission_deadline,
        meeting_date=meeting_date,
        is_open=False,
    )
    if Quarter.objects.filter(financial_year=financial_year, number=number).exists():
        raise ValidationError({"number": f"{quarter.label} already exists"})
    quarter.full_clean()
    quarter.save()
    dates = f"deadline {_day(submission_deadline)}, meeting {_day(meeting_date)}"
    _log(actor, quarter, AuditAction.QUARTER_CREATED, f"Created {quarter.label}: {dates}")
    return quarter


@transaction.atomic
def quarter_update(*, quarter, actor, submission_deadline, meeting_date) -> Quarter:
    """Move the submission deadline or the meeting date."""
    require(actor, Can.MANAGE_QUARTERS)
    Quarter.check_dates(submission_deadline, meeting_date)
    quarter.check_deadline_in_period(submission_deadline)
    quarter = Quarter.objects.select_for_update().get(pk=quarter.pk)
    check_not_imported(quarter)
    if (quarter.submission_deadline, quarter.meeting_date) == (submission_deadline, meeting_date):
        return quarter
    update = model_update(
        instance=quarter,
        fields=DATE_FIELDS,
        data={"submission_deadline": submission_deadline, "meeting_date": meeting_date},
        labels=DATE_FIELDS,
        colon="",
    )
    _log(actor, quarter, AuditAction.QUARTER_CHANGED, f"Changed {update.summary}")
    return quarter


@transaction.atomic
def quarter_open(*, quarter, actor) -> Quarter:
    """Open a quarter for submissions. One at a time: business leads work on the open one."""
    require(actor, Can.MANAGE_QUARTERS)
    already_open = list(Quarter.objects.select_for_update().filter(is_open=True))
    quarter = Quarter.objects.select_for_update().get(pk=quarter.pk)
    if quarter.is_open:
        raise ValidationError(f"{quarter.label} is already open.")
    check_not_imported(quarter)
    if already_open:
        labels = ", ".join(q.label for q in already_open)
        raise ValidationError(
            f"Close {labels} before opening {quarter.label}: "
            "business leads work on one open quarter at a time."
        )
    return _set_open(quarter, actor, True)


@transaction.atomic
def quarter_close(*, quarter, actor) -> Quarter:
    """Close a quarter: no new self-assessment can be started in it."""
    require(actor, Can.MANAGE_QUARTERS)
    quarter = Quarter.objects.select_for_update().get(pk=quarter.pk)
    if not quarter.is_open:
        raise ValidationError(f"{quarter.label} is already closed.")
    return _set_open(quarter, actor, False)


def _set_open(quarter, actor, is_open: bool) -> Quarter:
    quarter.is_open = is_open
    quarter.save(update_fields=["is_open"])
    if is_open:
        _log(actor, quarter, AuditAction.QUARTER_OPENED, "Opened for submissions")
        notify_quarter_opened(quarter, actor)
    else:
        _log(actor, quarter, AuditAction.QUARTER_CLOSED, "Closed to submissions")
    return quarter


def quarter_log(quarters) -> dict[int, list[AuditEvent]]:
    """Each quarter's audit rows, newest first, in one query."""
    entries = AuditEvent.objects.filter(
        object_type=Quarter._meta.verbose_name, object_id__in=[q.pk for q in quarters]
    ).select_related("actor")
    log: dict[int, list[AuditEvent]] = {}
    for entry in entries:
        log.setdefault(entry.object_id, []).append(entry)
    return log
